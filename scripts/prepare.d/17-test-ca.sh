#!/usr/bin/env bash
# Creates the tests' throwaway certificate authority and the server certificates it issues (openssl), under
# /tmp/mpcwallet-test-ca (or MPCWALLET_TEST_CA_DIR): ca.crt (the only file the tests and processes trust), and for each
# server — rabbitmq (the broker's amqps listener) and postgres (the database's TLS) — <server>.crt/.key, valid for
# 127.0.0.1, localhost and the server's own name (rabbitmq, postgres: the compose services' names, so
# MPCWALLET_TEST_CA_DIR=docker/tls makes a trial PKI for docker/compose.yaml). Nothing here is checked in and nothing is ever trusted outside the tests. Idempotent: keeps
# what is there and valid; a missing or expiring CA re-issues everything (the server scripts copy the new files in).
set -euo pipefail

dir="${MPCWALLET_TEST_CA_DIR:-/tmp/mpcwallet-test-ca}"
mkdir -p "$dir"
chmod 755 "$dir"
cd "$dir"

valid() { [ -f "$1" ] && openssl x509 -in "$1" -noout -checkend $((7 * 24 * 3600)) >/dev/null 2>&1; }

if ! valid ca.crt || [ ! -f ca.key ]; then
  rm -f ./*.crt ./*.key ./*.csr ./*.srl
  (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null)
  openssl req -x509 -new -key ca.key -sha256 -days 825 -subj "/CN=MpcWallet throwaway test CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
  echo "test CA created: $dir/ca.crt"
fi

for server in rabbitmq postgres; do
  if valid "$server.crt" && [ -f "$server.key" ] && openssl verify -CAfile ca.crt "$server.crt" >/dev/null 2>&1; then
    continue
  fi

  (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$server.key" 2>/dev/null)
  openssl req -new -key "$server.key" -subj "/CN=127.0.0.1" -out "$server.csr"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:%s\n' "$server" > "$server.ext"
  openssl x509 -req -in "$server.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 397 -extfile "$server.ext" -out "$server.crt" 2>/dev/null
  rm -f "$server.csr" "$server.ext"
  echo "test certificate issued: $dir/$server.crt (127.0.0.1, localhost, $server)"
done

chmod 644 ca.crt ./*.crt
echo "test CA: $dir/ca.crt"
