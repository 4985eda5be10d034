package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.model.PortcullisPersistence;

/** The three ways to name a database, and a schema made by the host from the shipped script. */
class DatabaseSourcesTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void noDatabaseNamedThenEmbeddedH2FileInDataDirKeepsUsersAcrossRestarts(@TempDir Path dataDir) throws Exception {
        Map<String, String> params = Map.of("data.dir", dataDir.toString(), "bcrypt.cost", "10");
        String email = "h2-" + UUID.randomUUID() + "@example.com";
        try (Container.Running jetty = Container.JETTY.start(params, LegacyServlets.standard())) {
            new Http(jetty.base()).newUser(email, PASSWORD);
        }
        assertTrue(Files.exists(dataDir.resolve("portcullis.mv.db")), "the H2 file lives in data.dir");

        try (Container.Running again = Container.JETTY.start(params, LegacyServlets.standard())) {
            assertEquals(200, new Http(again.base()).signin(email, PASSWORD).statusCode());
        }
    }

    @Test
    void schemaNoneWhenHostRanTheShippedScriptThenEverythingWorks() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String sql : PortcullisPersistence.Dialect.H2.ddlStatements("pc_")) {
                s.execute(sql);
            }
        }
        Map<String, String> params = Map.of("jdbc.url", url, "jdbc.user", "sa", "schema", "none", "bcrypt.cost", "10");
        try (Container.Running jetty = Container.JETTY.start(params, LegacyServlets.standard())) {
            Http http = new Http(jetty.base());
            String email = "scripted-" + UUID.randomUUID() + "@example.com";
            String token = http.newUser(email, PASSWORD);
            assertTrue(http.get("/whoami", "Authorization", "Bearer " + token).body().startsWith(email + "|BEARER|"));
        }
    }

    @Test
    void datasourceWhenBoundInJndiThenUsed(@TempDir Path base) throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.enableNaming();
        Context context = tomcat.addContext("", base.toString());
        ContextResource resource = new ContextResource();
        resource.setName("jdbc/hostdb");
        resource.setType("org.h2.jdbcx.JdbcDataSource");
        resource.setProperty("factory", "org.h2.jdbcx.JdbcDataSourceFactory");
        resource.setProperty("url", url);
        resource.setProperty("user", "sa");
        resource.setProperty("password", "");
        resource.setProperty("description", "the host's database");
        resource.setProperty("loginTimeout", "0"); // H2's factory reads both
        context.getNamingResources().addResource(resource);
        FilterDef def = new FilterDef();
        def.setFilterName("portcullis");
        def.setFilter(new PortcullisFilter());
        def.addInitParameter("datasource", "jdbc/hostdb");
        def.addInitParameter("bcrypt.cost", "10");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("portcullis");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        LegacyServlets.standard().forEach((path, servlet) -> {
            Tomcat.addServlet(context, "s" + path.hashCode(), servlet);
            context.addServletMappingDecoded(path, "s" + path.hashCode());
        });
        tomcat.getConnector();
        tomcat.start();
        try {
            Http http = new Http(java.net.URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()));
            String email = "jndi-" + UUID.randomUUID() + "@example.com";
            http.newUser(email, PASSWORD);
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                 var rs = s.executeQuery("select count(*) from pc_user_account where email = '" + email + "'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the user is in the host's JNDI database");
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void datasourceWhenNameIsUnboundThenStartFailsNamingTheParameter() throws Exception {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
            try (Container.Running ignored = Container.JETTY.start(Map.of("datasource", "jdbc/nothing"),
                    LegacyServlets.standard())) {
                // Jetty fails the start when a filter's init throws
            }
        });
        Throwable root = failure;
        StringBuilder messages = new StringBuilder();
        while (root != null) {
            messages.append(root.getMessage()).append('\n');
            root = root.getCause();
        }
        assertTrue(messages.toString().contains("'datasource'"), messages.toString());
    }
}
