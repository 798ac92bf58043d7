// Reads and checks a JWKS file: every member a key needs, with the JSON pointer of the first problem;
// the public numbers are turned into PEM by jwks_openssl.cpp.
#include "server/security/jwks.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "server/security/base64url.hpp"
#include "server/security/jwks_detail.hpp"

namespace rehab::server {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFileBytes = 1 << 20;
constexpr std::size_t kMaxKeys = 64;

struct Problem {
    std::string pointer;
    std::string message;
};

std::string shown(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

// The decoded bytes of a required base64url member, or a problem naming it.
std::optional<std::string> bytes_member(const json& key, const std::string& at, const char* name,
                                        std::optional<Problem>& problem) {
    const auto it = key.find(name);
    if (it == key.end() || !it->is_string()) {
        problem = Problem{at + "/" + name, std::string("missing base64url member '") + name + "'" +
                                               (it == key.end() ? std::string() : ", found " + shown(*it))};
        return std::nullopt;
    }
    auto bytes = base64url_decode(it->get<std::string>());
    if (!bytes || bytes->empty()) {
        problem = Problem{at + "/" + name, "not unpadded base64url, found " + shown(*it)};
        return std::nullopt;
    }
    return bytes;
}

std::optional<Problem> check_common(const json& key, const std::string& at) {
    for (const char* secret : {"d", "p", "q", "dp", "dq", "qi", "k"}) {
        if (key.contains(secret)) {
            return Problem{at + "/" + secret, std::string("private or secret key member '") + secret +
                                                  "': a JWKS for verification holds public keys only"};
        }
    }
    const auto kid = key.find("kid");
    if (kid == key.end() || !kid->is_string() || kid->get<std::string>().empty()) {
        return Problem{at + "/kid", "every key needs a non-empty string 'kid' (tokens select keys by kid)"};
    }
    if (const auto use = key.find("use"); use != key.end() && *use != "sig") {
        return Problem{at + "/use", "a verification key must have use 'sig', found " + shown(*use)};
    }
    if (const auto ops = key.find("key_ops"); ops != key.end()) {
        if (!ops->is_array() || std::find(ops->begin(), ops->end(), json("verify")) == ops->end()) {
            return Problem{at + "/key_ops", "key_ops must include 'verify', found " + shown(*ops)};
        }
    }
    return std::nullopt;
}

std::optional<Problem> check_alg(const json& key, const std::string& at, const Jwk& jwk) {
    const auto alg = key.find("alg");
    if (alg == key.end()) return std::nullopt;
    const std::string name = alg->is_string() ? alg->get<std::string>() : std::string();
    if (!key_fits_algorithm(jwk, name)) {
        return Problem{at + "/alg",
                       "alg must be an asymmetric signature algorithm that fits the key (" +
                           std::string(jwk.family == KeyFamily::rsa ? "RS256, RS384 or RS512"
                                                                    : "the ES algorithm of its curve") +
                           "), found " + shown(*alg)};
    }
    return std::nullopt;
}

std::optional<Jwk> parse_key(const json& key, const std::string& at, std::optional<Problem>& problem) {
    if (!key.is_object()) {
        problem = Problem{at, "a key must be a JSON object, found " + shown(key)};
        return std::nullopt;
    }
    const auto kty = key.find("kty");
    const std::string type = kty != key.end() && kty->is_string() ? kty->get<std::string>() : "";
    if (type != "RSA" && type != "EC") {
        problem = Problem{at + "/kty", "kty must be RSA or EC (HMAC 'oct' keys are refused), found " +
                                           (kty == key.end() ? std::string("nothing") : shown(*kty))};
        return std::nullopt;
    }
    if ((problem = check_common(key, at))) return std::nullopt;
    Jwk jwk;
    jwk.kid = key["kid"].get<std::string>();
    std::string pem_error;
    if (type == "RSA") {
        auto n = bytes_member(key, at, "n", problem);
        auto e = n ? bytes_member(key, at, "e", problem) : std::nullopt;
        if (!e) return std::nullopt;
        jwk.family = KeyFamily::rsa;
        std::string member;
        if (!rsa_public_pem(*n, *e, jwk, pem_error, member)) {
            problem = Problem{at + "/" + member, pem_error};
            return std::nullopt;
        }
    } else {
        const auto crv = key.find("crv");
        jwk.curve = crv != key.end() && crv->is_string() ? crv->get<std::string>() : "";
        if (jwk.curve != "P-256" && jwk.curve != "P-384" && jwk.curve != "P-521") {
            problem = Problem{at + "/crv", "crv must be P-256, P-384 or P-521, found " +
                                               (crv == key.end() ? std::string("nothing") : shown(*crv))};
            return std::nullopt;
        }
        auto x = bytes_member(key, at, "x", problem);
        auto y = x ? bytes_member(key, at, "y", problem) : std::nullopt;
        if (!y) return std::nullopt;
        jwk.family = KeyFamily::ec;
        if (!ec_public_pem(*x, *y, jwk, pem_error)) {
            problem = Problem{at + "/x", pem_error};
            return std::nullopt;
        }
    }
    if ((problem = check_alg(key, at, jwk))) return std::nullopt;
    if (key.contains("alg")) jwk.alg = key["alg"].get<std::string>();
    return jwk;
}

}  // namespace

bool key_fits_algorithm(const Jwk& key, std::string_view alg) {
    if (key.family == KeyFamily::rsa) return alg == "RS256" || alg == "RS384" || alg == "RS512";
    return (key.curve == "P-256" && alg == "ES256") || (key.curve == "P-384" && alg == "ES384") ||
           (key.curve == "P-521" && alg == "ES512");
}

const Jwk* Jwks::find(std::string_view kid) const {
    for (const auto& key : keys) {
        if (key.kid == kid) return &key;
    }
    return nullptr;
}

std::optional<Jwks> parse_jwks(std::string_view text, const std::string& origin, std::string& error) {
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        error = origin + ": error: not valid JSON (a JWKS is {\"keys\": [...]}, RFC 7517)";
        return std::nullopt;
    }
    const auto fail = [&](const std::string& pointer, const std::string& message) {
        error = origin + ": error at " + (pointer.empty() ? "/" : pointer) + ": " + message;
        return std::nullopt;
    };
    const auto keys = doc.is_object() ? doc.find("keys") : doc.end();
    if (!doc.is_object() || keys == doc.end() || !keys->is_array()) {
        return fail("/keys", "a JWKS is an object with a 'keys' array, found " + shown(doc));
    }
    if (keys->empty()) return fail("/keys", "no keys: at least one public key is needed");
    if (keys->size() > kMaxKeys) return fail("/keys", "more than 64 keys");
    Jwks set;
    for (std::size_t i = 0; i < keys->size(); ++i) {
        const std::string at = "/keys/" + std::to_string(i);
        std::optional<Problem> problem;
        auto jwk = parse_key((*keys)[i], at, problem);
        if (!jwk) return fail(problem->pointer, problem->message);
        if (set.find(jwk->kid) != nullptr) return fail(at + "/kid", "duplicate kid '" + jwk->kid + "'");
        set.keys.push_back(std::move(*jwk));
    }
    return set;
}

std::optional<Jwks> load_jwks_file(const std::string& path, std::string& error) {
    std::error_code ec;
    std::ifstream in;
    if (std::filesystem::is_regular_file(path, ec)) in.open(path, std::ios::binary);
    if (!in.is_open()) {
        error = path + ": error: cannot open the JWKS file (missing, unreadable or not a regular file)";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad() || text.str().size() > kMaxFileBytes) {
        error = path + ": error: cannot read the JWKS file (or it is over 1 MiB)";
        return std::nullopt;
    }
    return parse_jwks(text.str(), path, error);
}

}  // namespace rehab::server
