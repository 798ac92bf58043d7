// Escaping text for HTML and XML (the handout, its drawings, the JUnit report): one function, so that
// every markup the project writes escapes the same characters the same way.
#pragma once
#include <string>

namespace rehab::io {

// "&", "<", ">", '"' and "'" as entities; control characters other than tab and newlines (not allowed
// in XML 1.0) as a space. Safe in text and in quoted attribute values.
std::string html_escape(const std::string& s);

}  // namespace rehab::io
