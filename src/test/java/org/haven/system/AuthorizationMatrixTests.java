package org.haven.system;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route × every kind of visitor × the expected outcome (DESIGN.md §1: deny by
 * default, enforced at the route). Each new route joins {@link #MATRIX};
 * {@link #everyRouteHavenServesIsInTheMatrix()} fails until it does.
 */
@HavenTest
class AuthorizationMatrixTests {

	/** Who is asking: nobody signed in, or one of the demo sign-ins. */
	enum Who {

		ANONYMOUS(null), STAFF("teacher@oakfield.example"), SAFEGUARDING_TEAM("senco@oakfield.example"),
		DEPUTY_DSL("deputy@oakfield.example"), DSL("dsl@oakfield.example"), GOVERNOR("governor@oakfield.example"),
		ADMIN("admin@oakfield.example");

		final String email;

		Who(String email) {
			this.email = email;
		}

	}

	/** What they get. */
	enum Outcome {

		OK, SIGN_IN, HOME, SIGNED_OUT, REFUSED, NOT_FOUND

	}

	record Route(String method, String path, Map<Who, Outcome> expected) {

		Route {
			if (!expected.keySet().containsAll(Arrays.asList(Who.values()))) {
				throw new IllegalArgumentException(path + " must say what every visitor gets");
			}
		}

		static Route of(String method, String path, Outcome anonymous, Outcome signedIn) {
			Map<Who, Outcome> expected = new EnumMap<>(Who.class);
			for (Who who : Who.values()) {
				expected.put(who, (who == Who.ANONYMOUS) ? anonymous : signedIn);
			}
			return new Route(method, path, expected);
		}

	}

	static final List<Route> MATRIX = List.of(Route.of("GET", "/", Outcome.SIGN_IN, Outcome.OK),
			Route.of("GET", "/login", Outcome.OK, Outcome.HOME),
			// A sign-out with its CSRF token, as the layout's button sends it.
			Route.of("POST", "/logout", Outcome.SIGNED_OUT, Outcome.SIGNED_OUT),
			Route.of("GET", "/actuator/health", Outcome.OK, Outcome.OK),
			Route.of("GET", "/a-route-with-no-rule", Outcome.SIGN_IN, Outcome.REFUSED));

	/** Routes that are not controllers of Haven's own: Spring Boot's error page. */
	private static final Set<String> NOT_IN_THE_MATRIX = Set.of("/error");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final Map<Who, Visitor> visitors = new HashMap<>();

	@TestFactory
	Stream<DynamicTest> everyRouteAnswersEveryVisitorAsTheMatrixSays() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Route route : MATRIX) {
			route.expected()
				.forEach((who, outcome) -> tests
					.add(DynamicTest.dynamicTest(route.method() + " " + route.path() + " as " + who + " is " + outcome,
							() -> assertThat(outcome(route, who)).isEqualTo(outcome))));
		}
		return tests.stream();
	}

	@Test
	void everyRouteHavenServesIsInTheMatrix() {
		Set<String> served = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			for (String pattern : info.getPatternValues()) {
				Set<String> methods = new TreeSet<>();
				info.getMethodsCondition().getMethods().forEach((verb) -> methods.add(verb.name()));
				for (String verb : methods.isEmpty() ? Set.of("GET") : methods) {
					served.add(verb + " " + pattern);
				}
			}
		});
		served.removeIf((route) -> NOT_IN_THE_MATRIX.contains(route.substring(route.indexOf(' ') + 1)));
		Set<String> inMatrix = new TreeSet<>();
		MATRIX.forEach((route) -> inMatrix.add(route.method() + " " + route.path()));
		assertThat(inMatrix).containsAll(served);
	}

	private Outcome outcome(Route route, Who who) {
		Visitor visitor = (who == Who.ANONYMOUS || route.method().equals("POST")) ? fresh(who)
				: this.visitors.computeIfAbsent(who, this::fresh);
		HttpResponse<String> response;
		if (route.method().equals("POST")) {
			// The CSRF token of a page the visitor can open, as a form on it would send.
			visitor.get((who == Who.ANONYMOUS) ? "/login" : "/");
			response = visitor.post(route.path(), Map.of());
		}
		else {
			response = visitor.get(route.path());
		}
		String location = Visitor.location(response);
		return switch (response.statusCode()) {
			case 200 -> Outcome.OK;
			case 302 -> switch (String.valueOf(location)) {
				case "/login" -> Outcome.SIGN_IN;
				case "/" -> Outcome.HOME;
				case "/login?signedOut" -> Outcome.SIGNED_OUT;
				default -> throw new AssertionError("Unexpected redirect to " + location);
			};
			case 403 -> Outcome.REFUSED;
			case 404 -> Outcome.NOT_FOUND;
			default -> throw new AssertionError("Unexpected status " + response.statusCode());
		};
	}

	private Visitor fresh(Who who) {
		Visitor visitor = new Visitor(this.port);
		return (who.email != null) ? visitor.signedInAs(who.email) : visitor;
	}

}
