#!/usr/bin/env python3
"""TEST-ONLY authentication material for `rehab serve`: a key pair, its JWKS and signed tokens, made
with the openssl command and the Python standard library (docs/service-auth.md). A real deployment
takes its JWKS from its identity provider and never holds the private key on the server.

  auth-test-keys.py keys DIR [--kty RSA|EC] [--kid KID]
      writes DIR/test-private.pem (keep it secret), DIR/test-public.pem and DIR/jwks.json
  auth-test-keys.py token --key DIR/test-private.pem --kid KID --iss ISS --aud AUD
                          [--sub SUB] [--ttl SECONDS] [--now UNIX] [--jti ID]
      prints a signed JWT (RS256 for an RSA key, ES256 for a P-256 key), usable once (its jti)"""
import argparse
import base64
import json
import os
import re
import subprocess
import sys
import time
import uuid


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, check=True, capture_output=True).stdout


def make_keys(folder, kty, kid):
    private = os.path.join(folder, "test-private.pem")
    public = os.path.join(folder, "test-public.pem")
    if kty == "RSA":
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", private)
    else:
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", private)
    os.chmod(private, 0o600)
    openssl("pkey", "-in", private, "-pubout", "-out", public)
    if kty == "RSA":
        modulus = openssl("rsa", "-pubin", "-in", public, "-noout", "-modulus").decode().strip()
        text = openssl("rsa", "-pubin", "-in", public, "-noout", "-text").decode()
        exponent = int(re.search(r"Exponent: (\d+)", text).group(1))
        n = bytes.fromhex(modulus.split("=", 1)[1])
        e = exponent.to_bytes((exponent.bit_length() + 7) // 8, "big")
        jwk = {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64url(n), "e": b64url(e)}
    else:
        der = openssl("pkey", "-pubin", "-in", public, "-outform", "DER")
        point = der[-65:]  # the SubjectPublicKeyInfo of a P-256 key ends with 04 || x || y
        assert point[0] == 4, "expected an uncompressed P-256 point"
        jwk = {"kty": "EC", "kid": kid, "use": "sig", "alg": "ES256", "crv": "P-256",
               "x": b64url(point[1:33]), "y": b64url(point[33:])}
    with open(os.path.join(folder, "jwks.json"), "w", encoding="utf-8") as f:
        json.dump({"keys": [jwk]}, f, indent=2)
        f.write("\n")


def der_to_raw(der, size):
    """An ECDSA signature from DER (SEQUENCE of two INTEGERs) to the JWS form r || s."""
    assert der[0] == 0x30
    i = 3 if der[1] & 0x80 else 2
    out = b""
    for _ in range(2):
        assert der[i] == 0x02
        length = der[i + 1]
        value = der[i + 2:i + 2 + length].lstrip(b"\x00")
        out += value.rjust(size, b"\x00")
        i += 2 + length
    return out


def make_token(args):
    text = openssl("pkey", "-in", args.key, "-noout", "-text").decode()
    alg = "ES256" if "ASN1 OID: prime256v1" in text or "NIST CURVE: P-256" in text else "RS256"
    now = int(args.now if args.now is not None else time.time())
    header = {"alg": alg, "typ": "JWT", "kid": args.kid}
    claims = {"iss": args.iss, "aud": args.aud, "sub": args.sub, "iat": now, "nbf": now,
              "exp": now + args.ttl, "jti": args.jti or str(uuid.uuid4())}
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "." +
                     b64url(json.dumps(claims, separators=(",", ":")).encode())).encode()
    signature = openssl("dgst", "-sha256", "-sign", args.key, data=signing_input)
    if alg == "ES256":
        signature = der_to_raw(signature, 32)
    print(signing_input.decode() + "." + b64url(signature))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    keys = sub.add_parser("keys")
    keys.add_argument("folder")
    keys.add_argument("--kty", choices=["RSA", "EC"], default="RSA")
    keys.add_argument("--kid", default="rehab-test-key-1")
    token = sub.add_parser("token")
    token.add_argument("--key", required=True)
    token.add_argument("--kid", default="rehab-test-key-1")
    token.add_argument("--iss", required=True)
    token.add_argument("--aud", required=True)
    token.add_argument("--sub", default="test-clinician")
    token.add_argument("--ttl", type=int, default=300)
    token.add_argument("--now", type=int)
    token.add_argument("--jti")
    args = ap.parse_args()
    try:
        if args.command == "keys":
            make_keys(args.folder, args.kty, args.kid)
        else:
            make_token(args)
    except subprocess.CalledProcessError as e:
        sys.stderr.write(f"openssl failed: {e.stderr.decode(errors='replace')}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
