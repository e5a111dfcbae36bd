#!/usr/bin/env bash
# Registers the stack's webhook endpoint at Vipps MobilePay for the ePayment events, or finds the registration it
# already has, and stores the secret Vipps returns in the stack's webhook secret (the webhooks function reads it again
# every minute: no redeployment). With --rotate: a new registration and secret, both secrets accepted while the
# functions pick the new one up, then the old registration deleted.
#
#   infra/register-webhooks.sh vcl-test            # register (or confirm) once after the first deployment
#   infra/register-webhooks.sh vcl-test --rotate   # a new secret, e.g. yearly or after a leak
#
# From the stack (aws cloudformation describe-stacks): the outputs WebhookUrl and WebhookSecretArn, the parameters
# VippsBaseUrl, VippsMerchantSerialNumber and VippsSecretArn; the Vipps keys from the Vipps secret. Needs the AWS
# CLI v2, curl and python3. No key, token or secret is printed, put on a command line (curl and the AWS CLI read them
# from private files), or left behind.
#
# Environment: ROTATION_WAIT_SECONDS (default 150) — how long --rotate waits with both secrets stored, so that every
# running function has read the new one (they re-read every 60 s) before the old registration stops signing.
set -euo pipefail

stack="${1:?usage: infra/register-webhooks.sh STACK_NAME [--rotate]}"
rotate="${2:-}"
[ -z "$rotate" ] || [ "$rotate" = "--rotate" ] || { echo "unknown option $rotate (only --rotate)" >&2; exit 1; }
for tool in aws curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
EVENTS='epayments.payment.created.v1 epayments.payment.authorized.v1 epayments.payment.aborted.v1
epayments.payment.expired.v1 epayments.payment.cancelled.v1 epayments.payment.captured.v1
epayments.payment.refunded.v1 epayments.payment.terminated.v1'

work="$(umask 077 && mktemp -d)"
trap 'rm -rf "$work"' EXIT

# value FILE KEY: a top-level string of a JSON object (a list of {OutputKey|ParameterKey, ...Value} works too)
value() {
  python3 - "$1" "$2" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
if isinstance(data, list):
    data = {i.get("OutputKey", i.get("ParameterKey")): i.get("OutputValue", i.get("ParameterValue")) for i in data}
print(data.get(sys.argv[2]) or "")
PY
}

aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].Outputs' --output json > "$work/outputs.json"
aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].Parameters' --output json \
  > "$work/parameters.json"
url="$(value "$work/outputs.json" WebhookUrl)"
secret_arn="$(value "$work/outputs.json" WebhookSecretArn)"
base="$(value "$work/parameters.json" VippsBaseUrl)"
msn="$(value "$work/parameters.json" VippsMerchantSerialNumber)"
vipps_arn="$(value "$work/parameters.json" VippsSecretArn)"
webhooks_parameter="$(value "$work/parameters.json" Webhooks)"
for v in url secret_arn base msn vipps_arn; do
  [ -n "${!v}" ] || { echo "stack $stack has no $v: deploy the current template.yaml first" >&2; exit 1; }
done
aws secretsmanager get-secret-value --secret-id "$vipps_arn" --query SecretString --output text > "$work/vipps.json"
aws secretsmanager get-secret-value --secret-id "$secret_arn" --query SecretString --output text \
  > "$work/stored.json"

# The four Vipps-System-* headers on every call, the Vipps keys read from the secret's file into a header file.
python3 - "$work" "$msn" <<'PY'
import json, sys
work, msn = sys.argv[1], sys.argv[2]
keys = json.load(open(work + "/vipps.json"))
system = ["Vipps-System-Name: vipps-checkout-lambda", "Vipps-System-Version: 0.1.0",
          "Vipps-System-Plugin-Name: vcl-register-webhooks", "Vipps-System-Plugin-Version: 0.1.0"]
common = system + ["Ocp-Apim-Subscription-Key: " + keys["vipps.subscription-key"], "Merchant-Serial-Number: " + msn]
open(work + "/token-headers", "w").write("\n".join(common + [
    "client_id: " + keys["vipps.client-id"], "client_secret: " + keys["vipps.client-secret"]]) + "\n")
open(work + "/common-headers", "w").write("\n".join(common) + "\n")
PY

# call METHOD PATH [BODY_FILE]: answer body in $work/answer.json, HTTP status on stdout
call() {
  local args=(-sS -o "$work/answer.json" -w '%{http_code}' -X "$1" -H @"$work/common-headers" -H @"$work/bearer")
  if [ -n "${3:-}" ]; then args+=(-H 'Content-Type: application/json' --data-binary @"$3"); fi
  curl "${args[@]}" "$base$2"
}

status="$(curl -sS -o "$work/token.json" -w '%{http_code}' -X POST -H @"$work/token-headers" -H 'Content-Length: 0' \
  "$base/accesstoken/get")"
[ "$status" = 200 ] || { echo "Vipps MobilePay refused the access token (HTTP $status): check the Vipps keys" >&2; exit 1; }
python3 - "$work" <<'PY'
import json, sys
token = json.load(open(sys.argv[1] + "/token.json"))["access_token"]
open(sys.argv[1] + "/bearer", "w").write("Authorization: Bearer " + token + "\n")
PY

status="$(call GET /webhooks/v1/webhooks)"
[ "$status" = 200 ] || { echo "listing webhooks failed (HTTP $status)" >&2; exit 1; }
# ids of the registrations for our URL, and whether one of them has every event
python3 - "$work" "$url" "$EVENTS" <<'PY'
import json, sys
work, url, events = sys.argv[1], sys.argv[2], set(sys.argv[3].split())
ours = [w for w in json.load(open(work + "/answer.json")).get("webhooks", []) if w.get("url") == url]
open(work + "/ours", "w").write("".join(w["id"] + "\n" for w in ours))
complete = [w["id"] for w in ours if events <= set(w.get("events", []))]
open(work + "/complete", "w").write(complete[0] if complete else "")
PY
has_secret="$(value "$work/stored.json" vcl.webhook-secret)"

# The reconciler polls less once the stack knows about the webhooks.
remind() {
  [ "$webhooks_parameter" = registered ] && return
  echo "Now deploy once with the stack parameter Webhooks=registered (infra/DEPLOY.md, Webhooks): the reconciler then"
  echo "reads authorized orders every 6 hours as a safety net instead of soon and then hourly."
}

if [ -z "$rotate" ] && [ -s "$work/complete" ] && [ -n "$has_secret" ]; then
  echo "Webhook already registered for $url (id $(cat "$work/complete")); its secret is stored. Nothing to do."
  remind
  exit 0
fi

python3 - "$work" "$url" "$EVENTS" <<'PY'
import json, sys
json.dump({"url": sys.argv[2], "events": sys.argv[3].split()}, open(sys.argv[1] + "/register.json", "w"))
PY
status="$(call POST /webhooks/v1/webhooks "$work/register.json")"
[ "$status" = 201 ] || [ "$status" = 200 ] || { echo "registering $url failed (HTTP $status)" >&2; exit 1; }
cp "$work/answer.json" "$work/registered.json"
new_id="$(value "$work/registered.json" id)"

# store SECRET [NEXT]: the webhook secret object, written from files only
store() {
  python3 - "$work" "$1" "${2:-}" <<'PY'
import json, sys
work, first, second = sys.argv[1], sys.argv[2], sys.argv[3]
def secret(name):
    return json.load(open(work + ("/registered.json" if name == "new" else "/stored.json")))[
        "secret" if name == "new" else "vcl.webhook-secret"]
value = {"vcl.webhook-secret": secret(first)}
if second:
    value["vcl.webhook-secret-next"] = secret(second)
json.dump(value, open(work + "/secret.json", "w"))
PY
  aws secretsmanager put-secret-value --secret-id "$secret_arn" --secret-string "file://$work/secret.json" >/dev/null
}

delete_others() {
  local id status
  while read -r id; do
    [ -n "$id" ] && [ "$id" != "$new_id" ] || continue
    status="$(call DELETE "/webhooks/v1/webhooks/$id")"
    [ "$status" = 204 ] || [ "$status" = 200 ] || [ "$status" = 404 ] ||
      { echo "deleting the old registration $id failed (HTTP $status)" >&2; exit 1; }
    echo "Deleted the old registration $id."
  done < "$work/ours"
}

if [ -n "$rotate" ] && [ -n "$has_secret" ]; then
  store old new
  echo "Registered $url anew (id $new_id); both secrets are accepted now."
  wait="${ROTATION_WAIT_SECONDS:-150}"
  echo "Waiting ${wait} s for every running function to read the new secret ..."
  sleep "$wait"
  delete_others
  store new
  echo "Rotation done: only the new secret is stored."
else
  store new
  delete_others
  echo "Registered $url for the ePayment events (id $new_id); the secret is stored in the stack's webhook secret."
fi
echo "The webhooks function reads it within a minute. Check deliveries in its log: /vcl/$stack/webhooks."
remind
