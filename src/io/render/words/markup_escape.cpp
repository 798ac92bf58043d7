// Escaping text for HTML and XML: see markup_escape.hpp.
#include "io/render/words/markup_escape.hpp"

namespace rehab::io {

std::string html_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";  // valid in HTML and in XML
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    out += ' ';  // not allowed in XML 1.0
                else
                    out += c;
        }
    return out;
}

}  // namespace rehab::io
