/** Help texts of the CLI, one per command, printed by --help. */

const STORE_HELP = `STORE is an mlruns folder, a folder holding mlruns/ or mlflow.db (mlflow.db wins when both exist),
a SQLite file (mlflow.db), or a sqlite:///relative.db, sqlite:////absolute.db or file:///… URI.
Runlens only reads it: nothing in the store is ever changed.`;

export const TOP_USAGE = `Usage: runlens [STORE…]                 open the desktop app
       runlens serve [STORE…] [--port N] [--host H]
                     [--username U --password-stdin | --token-env VAR]   (STORE an http(s):// server)
       runlens experiments STORE [--view active|deleted|all] [--json]
       runlens runs STORE [--experiment-id ID…] [--filter F] [--order-by O…]
                          [--view active|deleted|all] [--max-results N] [--json|--csv]
       runlens metric-history STORE RUN_ID KEY [--json]
       runlens models STORE [--json]
       runlens model-versions STORE [--name NAME] [--json]
       runlens governance check STORE [--policy FILE] [--as-of DATE] [--format table|json|junit|sarif]

Inspect MLflow tracking data: local mlruns folders and mlflow.db stores. Read-only, no Python.

${STORE_HELP}
Without STORE, the app and serve open ./mlflow.db, else ./mlruns, else the demo store.
Every command that reads a store prints one warning line per part it could not read (path and
reason) to stderr, and takes --strict to exit 3 when there is any.

Options:
  -h, --help    show help (also per command: runlens runs --help)
  --version     print the version

--json prints the JSON MLflow's REST API returns for the same question, all pages joined.
Exit codes: 0 success, 1 unexpected error, 2 bad usage (unknown command or option, missing argument,
invalid filter, unknown run), 3 the store cannot be read.
`;

export const COMMAND_USAGE: Record<string, string> = {
  serve: `Usage: runlens serve [STORE…] [--port N] [--host H] [--host-name NAME…]
                     [--username U --password-stdin | --token-env VAR]

Serves the app to a web browser on this machine and prints the URL to open (it holds a one-time
token; keep it private). Runs until Ctrl+C. Stores that cannot be opened are reported and skipped.

Options:
  --port N      port to listen on (default: a free port)
  --host H      interface to bind (default 127.0.0.1; anything else exposes your data to the network;
                0.0.0.0 or :: answers at every address of this machine)
  --host-name NAME  also accept this name (e.g. the machine's DNS name) in the browser's address;
                repeatable. Other names are refused (DNS rebinding).
  -h, --help    show this help

A STORE can be an MLflow tracking server, http(s)://host:port. Its credentials never go on the
command line (others can read it):
  --username U        HTTP Basic sign-in (mlflow server --app-name basic-auth) …
  --password-stdin    … with the password read from the first line of stdin
  --token-env VAR     a Bearer token (e.g. a Databricks personal access token) read from variable VAR
MLflow's own variables apply too: MLFLOW_TRACKING_USERNAME/PASSWORD, MLFLOW_TRACKING_TOKEN,
MLFLOW_TRACKING_INSECURE_TLS, MLFLOW_TRACKING_SERVER_CERT_PATH, MLFLOW_TRACKING_CLIENT_CERT_PATH.
Secrets stay in memory; connections saved in the browser go to RUNLENS_CONFIG_DIR (default
$XDG_CONFIG_HOME/runlens or ~/.config/runlens), without their password or token.

${STORE_HELP}
Without STORE: ./mlflow.db, else ./mlruns, else the demo store.
`,
  experiments: `Usage: runlens experiments STORE [--view active|deleted|all] [--json]

Lists the experiments of a store.

Options:
  --view V      active (default), deleted or all
  --json        print MLflow's experiments/search JSON
  -h, --help    show this help

${STORE_HELP}
`,
  runs: `Usage: runlens runs STORE [--experiment-id ID…] [--filter F] [--order-by O…]
                          [--view active|deleted|all] [--max-results N] [--json|--csv] [--strict]

Lists runs, searched with MLflow's filter and order_by syntax.

Options:
  --experiment-id ID   only runs of this experiment (repeatable; default: every active experiment)
  --filter F           MLflow search filter, e.g. "metrics.loss < 0.2 and params.C = '1.0'"
  --order-by O         MLflow order_by clause, e.g. "metrics.loss ASC" (repeatable)
  --view V             active (default), deleted or all
  --max-results N      print at most N runs
  --json               print MLflow's runs/search JSON
  --csv                print CSV: run_id, run_name, experiment_id, status, start_time, end_time,
                       lifecycle_stage, then metrics.<key>, params.<key>, tags.<key> columns
  --strict             exit 3 when any part of the store could not be read (each is always
                       named on stderr, one warning line per problem)
  -h, --help           show this help

${STORE_HELP}
`,
  'metric-history': `Usage: runlens metric-history STORE RUN_ID KEY [--json]

Prints every logged point of one metric of one run, by step.

Options:
  --json        print MLflow's metrics/get-history JSON
  -h, --help    show this help

${STORE_HELP}
`,
  models: `Usage: runlens models STORE [--json]

Lists the registered models of a store.

Options:
  --json        print MLflow's registered-models/search JSON
  -h, --help    show this help

${STORE_HELP}
`,
  'model-versions': `Usage: runlens model-versions STORE [--name NAME] [--json]

Lists model versions, of every registered model or of one.

Options:
  --name NAME   only versions of this registered model
  --json        print MLflow's model-versions/search JSON
  -h, --help    show this help

${STORE_HELP}
`,
};
