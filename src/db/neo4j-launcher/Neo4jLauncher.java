// The local Neo4j of Policy Graph: an embedded Neo4j Community 5.26 with its Bolt server,
// started by `src/db/localNeo4j.ts` as `java -cp '.neo4j/lib/*' Neo4jLauncher.java`.
// Bolt listens on 127.0.0.1 only and auth is off: the server is a private, loopback-only
// store for one developer. Anyone who needs auth or a shared server sets NEO4J_URI instead.
//
// Arguments: --home DIR --port N [--page-cache SIZE] [--heap-note]
// It prints "NEO4J_READY bolt://127.0.0.1:N" once Bolt accepts connections and shuts the
// database down cleanly on SIGINT/SIGTERM or when its standard input closes (parent died).

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
import org.neo4j.io.ByteUnit;

public class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(opts.getOrDefault("--home", ".neo4j")).toAbsolutePath();
        int port = Integer.parseInt(opts.getOrDefault("--port", "7687"));
        long pageCache = ByteUnit.parse(opts.getOrDefault("--page-cache", "256m"));
        Path plugins = Path.of(opts.getOrDefault("--plugins", home.resolve("plugins").toString()));
        Files.createDirectories(home.resolve("data"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home.resolve("data"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                .build();

        Thread stopper = new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
        });
        Runtime.getRuntime().addShutdownHook(stopper);

        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fails fast if the store cannot open
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

    private static Map<String, String> parse(String[] args) {
        var map = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            map.put(args[i], args[i + 1]);
        }
        return map;
    }
}
