#!/bin/sh
# Regenerates the OpenSSL-made key files that PrivateKeysTest reads: one RSA 2048 and one EC P-256
# key in every PEM form, an Ed25519 key, and self-signed certificates for the RSA and EC keys valid
# for 100 years (test material only: these keys protect nothing). Needs OpenSSL 3.
set -eu
cd "$(dirname "$0")"
PASS=pass:wspy-test

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.pem
openssl pkey -in rsa-pkcs8.pem -traditional -out rsa-pkcs1.pem
openssl pkcs8 -topk8 -in rsa-pkcs8.pem -passout "$PASS" -out rsa-pkcs8-encrypted.pem
openssl pkey -in rsa-pkcs8.pem -traditional -aes256 -passout "$PASS" -out rsa-pkcs1-encrypted.pem
openssl req -x509 -new -key rsa-pkcs8.pem -subj /CN=localhost -days 36500 -out rsa-cert.pem

openssl ecparam -name prime256v1 -genkey -out ec-sec1.pem
openssl pkcs8 -topk8 -nocrypt -in ec-sec1.pem -out ec-pkcs8.pem
openssl pkcs8 -topk8 -in ec-sec1.pem -v2 aes-128-cbc -v2prf hmacWithSHA512 -passout "$PASS" \
    -out ec-pkcs8-encrypted.pem
openssl ec -in ec-sec1.pem -param_enc explicit -out ec-sec1-explicit.pem
openssl req -x509 -new -key ec-sec1.pem -subj /CN=localhost -days 36500 -out ec-cert.pem

openssl genpkey -algorithm ED25519 -out ed25519-pkcs8.pem
