// Base64url (RFC 4648 section 5, no padding) as JWS and JWK use it: a strict decoder for untrusted
// input (only the URL alphabet, no padding, no whitespace, no non-zero trailing bits) and an encoder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rehab::server {

// The bytes `text` encodes, or nullopt when it is not canonical unpadded base64url.
std::optional<std::string> base64url_decode(std::string_view text);

// The unpadded base64url text of `bytes`.
std::string base64url_encode(std::string_view bytes);

}  // namespace rehab::server
