#!/usr/bin/env bash
# Regenerates what the API's contract tests compare and drive: docs/openapi/v1.json (the document the service serves,
# without its server address) and, from it, the C# client in tests/Ballistics.Api.Client/Generated (Kiota, pinned in
# .config/dotnet-tools.json). Run after changing an endpoint; commit both.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
dotnet tool restore >/dev/null
# The contract test writes the served document where the committed one lives when asked to.
BALLISTICS_WRITE_OPENAPI="$repo/docs/openapi/v1.json" dotnet test tests/Ballistics.Api.Tests -c Release \
  --filter "FullyQualifiedName~OpenApiContractTests.Document_SameAsTheCommittedOne" >/dev/null || true
dotnet tool run kiota generate -l CSharp -d docs/openapi/v1.json -c BallisticsClient -n Ballistics.Api.Client \
  -o tests/Ballistics.Api.Client/Generated --exclude-backward-compatible --clean-output --log-level Warning
echo "wrote docs/openapi/v1.json and tests/Ballistics.Api.Client/Generated"
