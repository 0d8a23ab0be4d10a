// The local Neo4j of Policy Graph: an embedded Neo4j Community 5.26 with its Bolt server,
// compiled once by `src/db/localNeo4j.ts` (into .neo4j/lib/launcher-<hash>) and started as
// `java -cp '<that>:.neo4j/lib/*' Neo4jLauncher`.
// Locked down, because any local user can reach a loopback port:
//   - Bolt on 127.0.0.1 only, HTTP off;
//   - auth on: user neo4j's password is set here on every start, through the embedded API on
//     the system database, from the environment variable POLICY_GRAPH_NEO4J_PASSWORD (never
//     argv, which every local user can read in ps); so a throw-away store works like the real one;
//   - LOAD CSV may not read files (allow_file_urls off), nor may APOC: its file import and
//     export are off by system properties set here, which APOC reads before any apoc.conf;
//   - server-side memory per transaction and for all transactions together is capped, so one
//     query cannot exhaust the heap (the gateway reports MemoryPoolOutOfMemoryError as
//     QUERY_TOO_LARGE);
//   - a transaction timeout backstop for statements sent without one (the service's own
//     statements each carry a timeout, which overrides it);
//   - the first nodes of the store are read before it is declared ready, so garbage in a store
//     file is reported at start, in words.
//
// Arguments: --home DIR --port N [--page-cache SIZE] [--plugins DIR] [--tx-memory SIZE]
//            [--global-tx-memory SIZE] [--tx-timeout SECONDS]
// The DBMS lives in DIR/data: its store under DIR/data/data/databases, its own log in
// DIR/data/logs/debug.log. Lines on stdout the parent reads:
//   NEO4J_READY bolt://127.0.0.1:N        once Bolt accepts connections and the password is set
//   NEO4J_STORE_FAILED <reason>           the database could not open or read its store (exit code 3)
// It shuts the database down cleanly on SIGINT/SIGTERM or when its standard input closes
// (parent died).

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

public class Neo4jLauncher {
    static final String PASSWORD_VARIABLE = "POLICY_GRAPH_NEO4J_PASSWORD";
    static final int STORE_FAILED = 3;
    static final int STORE_SAMPLE = 10_000;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Whatever went wrong, the process must end: Neo4j's own threads would keep it alive.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(opts.getOrDefault("--home", ".neo4j")).toAbsolutePath();
        int port = Integer.parseInt(opts.getOrDefault("--port", "7687"));
        long pageCache = ByteUnit.parse(opts.getOrDefault("--page-cache", "256m"));
        long txMemory = ByteUnit.parse(opts.getOrDefault("--tx-memory", "512m"));
        long globalTxMemory = ByteUnit.parse(opts.getOrDefault("--global-tx-memory", "768m"));
        long txTimeout = Long.parseLong(opts.getOrDefault("--tx-timeout", "300"));
        Path plugins = Path.of(opts.getOrDefault("--plugins", home.resolve("plugins").toString()));
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.length() < 8) {
            System.err.println(PASSWORD_VARIABLE + " must hold the password (8 characters or more) of user neo4j");
            System.exit(2);
        }
        Files.createDirectories(home.resolve("data"));
        // APOC reads these before its apoc.conf (found in the store's conf/), so no file there can
        // turn file access back on.
        System.setProperty("apoc.import.file.enabled", "false");
        System.setProperty("apoc.export.file.enabled", "false");
        System.setProperty("apoc.import.file.use_neo4j_config", "true");

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.resolve("data"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMemory)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, globalTxMemory)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout))
                .build();

        Thread stopper = new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
        });
        Runtime.getRuntime().addShutdownHook(stopper);

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        // build() starts the default database (recovery included): not available now means it
        // failed (a corrupt or unreadable store); the cause is in debug.log, which the parent reads.
        String problem = db.isAvailable(5_000) ? storeProblem(db) : "the database did not start";
        if (problem != null) {
            System.out.println("NEO4J_STORE_FAILED " + problem.replaceAll("\\s+", " "));
            System.out.flush();
            Runtime.getRuntime().removeShutdownHook(stopper);
            dbms.shutdown();
            Runtime.getRuntime().halt(STORE_FAILED);
        }
        setPassword(system, db, password);
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();

        // When the parent process dies its end of our stdin closes: stop rather than linger.
        InputStream in = System.in;
        try {
            while (in.read() != -1) { /* the parent never writes; wait for EOF */ }
        } catch (IOException ignored) {
        }
        System.exit(0);
    }

    /**
     * Reads the first STORE_SAMPLE nodes (labels, properties, a few relationships each, their
     * types and properties): a store file holding what Neo4j cannot have written (garbage in
     * the node store) fails here, at start, rather than in the middle of a request or a load.
     * Returns what went wrong, or null. A sample, not a consistency check: damage further in
     * shows when it is read.
     */
    private static String storeProblem(GraphDatabaseService db) {
        try (Transaction tx = db.beginTx()) {
            int seen = 0;
            try (ResourceIterable<Node> nodes = tx.getAllNodes()) {
                for (Node node : nodes) {
                    for (Label label : node.getLabels()) label.name();
                    node.getAllProperties();
                    int rels = 0;
                    try (ResourceIterable<Relationship> relationships = node.getRelationships()) {
                        for (Relationship r : relationships) {
                            r.getType().name();
                            r.getOtherNode(node);
                            r.getAllProperties();
                            if (++rels >= 20) break;
                        }
                    }
                    if (++seen >= STORE_SAMPLE) break;
                }
            }
            tx.commit();
            return null;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return "reading its first nodes failed: " + message;
        }
    }

    /** Sets user neo4j's password. A fresh system database has the default one ("neo4j", to be changed). */
    private static void setPassword(GraphDatabaseService system, GraphDatabaseService db, String password) {
        boolean fresh = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' RETURN passwordChangeRequired",
                Map.of(), r -> !r.hasNext() || Boolean.TRUE.equals(r.next().get("passwordChangeRequired")));
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Setting the password it already has is refused; that is the usual restart.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
        }
        if (fresh) {
            // Bolt listened while the default password was still valid: close anything that
            // connected meanwhile, before anyone is told the server is ready.
            @SuppressWarnings("unchecked")
            List<String> ids = db.executeTransactionally(
                    "CALL dbms.listConnections() YIELD connectionId, connector WHERE connector = 'bolt' RETURN collect(connectionId) AS ids",
                    Map.of(), r -> (List<String>) r.next().get("ids"));
            if (!ids.isEmpty()) db.executeTransactionally("CALL dbms.killConnections($ids)", Map.of("ids", ids));
        }
    }

    private static Map<String, String> parse(String[] args) {
        var map = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            map.put(args[i], args[i + 1]);
        }
        return map;
    }
}
