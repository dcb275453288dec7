#!/usr/bin/env bash
# Starts or stops a throwaway Virtuoso on 127.0.0.1 in $VIRTUOSO_DIR (its own ini; never the system service).
#   VIRTUOSO_DIR=$(mktemp -d) bash .ci/virtuoso.sh start   # then: . "$VIRTUOSO_DIR/env"
#   VIRTUOSO_DIR=...          bash .ci/virtuoso.sh stop    # shuts down and removes the directory
# Optional: VIRTUOSO_BUFFERS (8 KiB pages of cache; default 170000 ≈ 1.3 GiB, enough for ~4 M quads).
set -euo pipefail

cmd="${1:-}"
dir="${VIRTUOSO_DIR:?set VIRTUOSO_DIR to a fresh (temporary) directory}"

free_port() {
  # Ask the kernel for an unused loopback port; the tiny race until Virtuoso binds it is acceptable in CI.
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

isql() {
  # isql-vt reads SQL from exec=; errors otherwise only show on stdout, so callers check output.
  isql-vt "127.0.0.1:$1" dba dba "exec=$2" </dev/null
}

start() {
  command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found: apt-get install -y virtuoso-opensource" >&2; exit 1; }
  mkdir -p "$dir"
  local sql_port http_port buffers dirty
  sql_port="$(free_port)"
  http_port="$(free_port)"
  while [ "$http_port" = "$sql_port" ]; do http_port="$(free_port)"; done
  buffers="${VIRTUOSO_BUFFERS:-170000}"
  dirty=$((buffers * 3 / 4))

  # Relative paths in the ini resolve against the working directory, hence the cd before starting.
  # Debian's defaults silently truncate results (ResultSetMaxRows, MaxSortedTopRows) and turn slow
  # queries into partial "anytime" answers (MaxQueryExecutionTime): lift them, sheaf enforces its own limits.
  cat >"$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile       = virtuoso.db
ErrorLogFile       = virtuoso.log
LockFile           = virtuoso.lck
TransactionFile    = virtuoso.trx
xa_persistent_file = virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = virtuoso-temp.db
TransactionFile    = virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$sql_port
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 20
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., /usr/share/virtuoso-opensource-7/vad
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 2G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = $buffers
MaxDirtyBuffers          = $dirty
MaxSortedTopRows         = 100000000

[HTTPServer]
ServerPort                  = 127.0.0.1:$http_port
ServerRoot                  = .
MaxClientConnections        = 20
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 20
MaxKeepAlives               = 20
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
MaxConstructTriples        = 100000000
DeferInferenceRulesInit    = 0
INI

  echo "starting Virtuoso in $dir (SQL 127.0.0.1:$sql_port, HTTP 127.0.0.1:$http_port)"
  # +wait daemonises and returns once the server accepts connections.
  (cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait) || {
    echo "Virtuoso failed to start; its log:" >&2
    tail -n 40 "$dir/virtuoso.log" >&2 || true
    exit 1
  }

  # Loopback CI only: let anonymous SPARQL clients update, since Node's fetch cannot do the Digest auth
  # that /sparql-auth needs. Never do this on a reachable server.
  local out
  out="$(isql "$sql_port" 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('"'"'nobody'"'"', 7);')"
  if grep -q '\*\*\* Error' <<<"$out"; then
    echo "$out" >&2
    echo "granting anonymous SPARQL update failed" >&2
    exit 1
  fi

  local base="http://127.0.0.1:$http_port"
  cat >"$dir/env" <<ENV
export SHEAF_TEST_VIRTUOSO_QUERY_URL=$base/sparql
export SHEAF_TEST_VIRTUOSO_UPDATE_URL=$base/sparql
export SHEAF_TEST_VIRTUOSO_GSP_URL=$base/sparql-graph-crud
export SHEAF_TEST_VIRTUOSO_ISQL_PORT=$sql_port
ENV

  # Prove the endpoint answers before declaring success.
  local answer
  answer="$(node -e 'fetch(process.argv[1],{headers:{accept:"application/sparql-results+json"},signal:AbortSignal.timeout(10000)}).then(r=>r.text()).then(console.log,e=>console.log(String(e)))' "$base/sparql?query=ASK%7B%7D")"
  if ! grep -q '"boolean"' <<<"$answer"; then
    echo "Virtuoso SPARQL endpoint at $base/sparql did not answer ASK {}: $answer" >&2
    exit 1
  fi
  echo "Virtuoso started: SPARQL $base/sparql, GSP $base/sparql-graph-crud, isql 127.0.0.1:$sql_port"
}

stop() {
  if [ -f "$dir/virtuoso.ini" ]; then
    local port
    port="$(sed -n 's/^ServerPort *= *127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/virtuoso.ini" | head -n1)"
    if [ -n "$port" ]; then
      isql "$port" 'shutdown;' >/dev/null 2>&1 || true
      # Wait for the lock file to go so the removal below does not race the server's last writes.
      for _ in $(seq 1 50); do [ -e "$dir/virtuoso.lck" ] || break; sleep 0.2; done
    fi
    echo "Virtuoso stopped"
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: VIRTUOSO_DIR=DIR $0 start|stop" >&2; exit 2 ;;
esac
