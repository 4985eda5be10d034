package org.portcullis.filter.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.probe.ProbeFeature;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.Modules;
import org.portcullis.model.TestDatabase;

/**
 * A module's feature over real HTTP on Jetty and Tomcat: in the web application's class loader
 * ({@link Modules}), Portcullis finds it through {@code META-INF/services} and serves its action and its
 * endpoint, whose refusals go out in the shape it chose; without it, nothing of it is there; and when the
 * filter is destroyed, the module's stops run, the last registered first.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureModuleFlowTest {

    private final Map<Container, TestDatabase> databases = new EnumMap<>(Container.class);
    private final Map<Container, Container.Running> withModule = new EnumMap<>(Container.class);
    private final Map<Container, Container.Running> without = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        for (Container container : Container.values()) {
            withModule.put(container, startOn(container, Modules.webApplicationWith("probe")));
            without.put(container, startOn(container, null));
        }
    }

    private Container.Running startOn(Container container, ClassLoader webApplication) throws Exception {
        TestDatabase db = TestDatabase.fresh();
        databases.put(container, db);
        return container.start(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(), "table.prefix", db.prefix(),
                "bcrypt.cost", "10"), LegacyServlets.standard(), "", webApplication);
    }

    @AfterAll
    void stop() throws Exception {
        for (Container.Running running : withModule.values()) {
            running.close();
        }
        for (Container.Running running : without.values()) {
            running.close();
        }
        for (TestDatabase db : databases.values()) {
            db.dropTables();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void moduleWhenInTheWebApplicationThenItsActionIsServed(Container container) {
        HttpResponse<String> reply = new Http(withModule.get(container).base()).action("probe/echo", "{\"say\":\"hi\"}");

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("hi", Http.json(reply.body()).path(0).path("Attributes").path("message").asText(), reply.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void moduleWhenInTheWebApplicationThenItsEndpointIsServedAndRefusesInItsShape(Container container) {
        Http http = new Http(withModule.get(container).base());

        HttpResponse<String> served = http.get("/api/probe");
        HttpResponse<String> refused = http.get("/api/probe/refuse");

        assertEquals(200, served.statusCode(), served.body());
        assertEquals(true, Http.json(served.body()).path("guest").asBoolean(), served.body());
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("{\"errors\":[{\"status\":\"403\",\"code\":\"probe_refuses\",\"title\":\"The probe refuses.\"}]}",
                refused.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void moduleWhenAbsentThenNeitherItsEndpointNorItsActionIsThere(Container container) {
        Http http = new Http(without.get(container).base());

        HttpResponse<String> endpoint = http.get("/api/probe");
        HttpResponse<String> action = http.action("probe/echo", "{\"say\":\"hi\"}");

        assertEquals(404, endpoint.statusCode());
        assertEquals("host 404", endpoint.body());
        assertEquals(404, action.statusCode());
        assertEquals("unknown_action", Http.errorCode(action));
    }

    @Test
    void filterWhenDestroyedThenTheModulesStopsRunLastRegisteredFirst() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        Container.Running running = Container.JETTY.start(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(),
                "table.prefix", db.prefix()), LegacyServlets.standard(), "", Modules.webApplicationWith("probe"));
        int instance;
        try {
            instance = Http.json(new Http(running.base()).get("/api/probe").body()).path("instance").asInt();
        } finally {
            running.close();
            db.dropTables();
        }

        List<String> events = ProbeFeature.EVENTS.stream().filter(event -> event.startsWith(instance + ":")).toList();
        assertEquals(List.of(instance + ":start", instance + ":stop second", instance + ":stop first"), events);
    }
}
