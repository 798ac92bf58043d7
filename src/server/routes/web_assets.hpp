// The clinician's page (web/): its files compiled into the binary by cmake/embed_web.cmake, each with
// its media type and ETag, served at / and /app/{file} with a strict Content-Security-Policy.
#pragma once
#include <span>
#include <string_view>

namespace rehab::server {

struct WebAsset {
    std::string_view name;          // "main.js" (web/ is flat)
    std::string_view content_type;  // "text/javascript; charset=utf-8"
    std::string_view etag;          // "\"<20 hex digits of its SHA-256>\""
    std::string_view bytes;
};

std::span<const WebAsset> web_assets();  // generated, sorted by name
const WebAsset* find_web_asset(std::string_view name);

// The page's policy: scripts, styles, images and requests only from this origin, no inline script or
// style, no framing. The handout viewer (handout.html) also allows the handout's own inline style.
std::string_view content_security_policy(std::string_view name);

}  // namespace rehab::server
