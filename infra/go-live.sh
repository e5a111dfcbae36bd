#!/usr/bin/env bash
# Goes live with a deployed stack: runs the go-live kit (io.github.vcl.golive.GoLive, README "Going live") against
# the stack's HTTP API and Vipps MobilePay, and writes target/go-live/go-live-report.md and .json.
#
#   infra/go-live.sh vcl-test test                  # Vipps' test environment (test app, test user)
#   infra/go-live.sh vcl-production production      # real money, NOK 2 per payment; asks for a typed word first
#   infra/go-live.sh vcl-production production -Dgo-live.cancel=<reference>   # later: release the AUTHORIZED order
#
# The stack's ApiUrl output, its VippsMerchantSerialNumber parameter and its region are read with the AWS CLI; the
# keys are read by the kit itself from the stack's secrets (vcl/STACK/vipps, shop, staff) with the AWS credentials
# exported into its environment (never onto a command line, never printed). The staff secret needs a member with
# capture, refund, cancel and support (e.g. "operations,support"); -Dgo-live.staff=ID picks one. More options as
# -Dgo-live.<name>=<value> (README): e.g. -Dgo-live.approver=vipps-test with VIPPS_TEST_PHONE set, in test only.
set -euo pipefail

stack="${1:?usage: infra/go-live.sh STACK test|production [-Dgo-live.<option>=<value> ...]}"
vipps="${2:?usage: infra/go-live.sh STACK test|production [-Dgo-live.<option>=<value> ...]}"
shift 2
command -v aws >/dev/null || { echo "the AWS CLI (v2) is needed" >&2; exit 1; }

region="${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}"
[ -n "$region" ] || { echo "set AWS_REGION (or a default region in the AWS CLI)" >&2; exit 1; }
stack_value() { # stack_value Outputs|Parameters KEY_NAME KEY
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
    --query "Stacks[0].$1[?$2=='$3'].$( [ "$1" = Outputs ] && echo OutputValue || echo ParameterValue )" \
    --output text
}
api="$(stack_value Outputs OutputKey ApiUrl)"
msn="$(stack_value Parameters ParameterKey VippsMerchantSerialNumber)"
[ -n "$api" ] && [ "$api" != None ] || { echo "stack $stack has no ApiUrl output in $region" >&2; exit 1; }

# The AWS credentials for reading the secrets, as environment variables of the kit (not arguments).
eval "$(aws configure export-credentials --format env)"
export AWS_REGION="$region"

cd "$(dirname "$0")/.."
exec ./mvnw -B -Pgo-live -Dgo-live.api="$api" -Dgo-live.vipps="$vipps" -Dgo-live.stack="$stack" \
  -Dgo-live.msn="$msn" -Dgo-live.region="$region" "$@"
