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
import java.util.UUID;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.Visitor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
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

		OK, SIGN_IN, HOME, SIGNED_OUT, BAD_REQUEST, REFUSED, NOT_FOUND,
		/** Done, and sent on to another page of Haven's (a form that was accepted). */
		REDIRECT

	}

	/**
	 * A route, its path pattern as the controller declares it, and what each visitor
	 * gets.
	 */
	record Route(String method, String pattern, Map<Who, Outcome> expected) {

		Route {
			if (!expected.keySet().containsAll(Arrays.asList(Who.values()))) {
				throw new IllegalArgumentException(pattern + " must say what every visitor gets");
			}
		}

		static Route of(String method, String pattern, Outcome anonymous, Outcome signedIn) {
			return only(method, pattern, anonymous, signedIn, Set.of(), signedIn);
		}

		/**
		 * @return a route the given roles get {@code allowed} from, and every other
		 * signed-in visitor {@code otherwise}
		 */
		static Route only(String method, String pattern, Outcome anonymous, Outcome allowed, Set<Who> roles,
				Outcome otherwise) {
			Map<Who, Outcome> expected = new EnumMap<>(Who.class);
			for (Who who : Who.values()) {
				expected.put(who, (who == Who.ANONYMOUS) ? anonymous : roles.contains(who) ? allowed : otherwise);
			}
			return new Route(method, pattern, expected);
		}

	}

	private static final Set<Who> DIRECTORY_KEEPERS = Set.of(Who.DSL, Who.DEPUTY_DSL, Who.ADMIN);

	private static final Set<Who> IMPORTERS = Set.of(Who.DSL, Who.ADMIN);

	private static final Set<Who> STAFF_KEEPERS = Set.of(Who.DSL, Who.ADMIN);

	private static final Set<Who> DSL_ONLY = Set.of(Who.DSL);

	/** The DSL and the deputies. */
	private static final Set<Who> DSL_TEAM = Set.of(Who.DSL, Who.DEPUTY_DSL);

	/** Everyone but the demo governor holds STAFF. */
	private static final Set<Who> EVERY_STAFF = Set.of(Who.STAFF, Who.SAFEGUARDING_TEAM, Who.DEPUTY_DSL, Who.DSL,
			Who.ADMIN);

	static final List<Route> MATRIX = List.of(Route.of("GET", "/", Outcome.SIGN_IN, Outcome.OK),
			Route.of("GET", "/login", Outcome.OK, Outcome.HOME),
			// A sign-out with its CSRF token, as the layout's button sends it.
			Route.of("POST", "/logout", Outcome.SIGNED_OUT, Outcome.SIGNED_OUT),
			Route.of("GET", "/actuator/health", Outcome.OK, Outcome.OK),
			Route.of("GET", "/a-route-with-no-rule", Outcome.SIGN_IN, Outcome.REFUSED),
			// The pupil directory. An empty form posted by those allowed comes back with
			// its errors (200) and
			// changes nothing.
			Route.only("GET", "/pupils", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/new", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/pupils", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}/edit", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/edit", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}/leave", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/leave", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			// Pupil imports: an import id that does not exist is a 404 even to those
			// allowed; an empty upload
			// comes back with its error.
			Route.only("GET", "/admin/pupils/import", Outcome.SIGN_IN, Outcome.OK, IMPORTERS, Outcome.REFUSED),
			Route.only("POST", "/admin/pupils/import", Outcome.SIGN_IN, Outcome.OK, IMPORTERS, Outcome.REFUSED),
			Route.only("GET", "/admin/pupils/import/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, IMPORTERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/pupils/import/{id}/confirm", Outcome.SIGN_IN, Outcome.NOT_FOUND, IMPORTERS,
					Outcome.REFUSED),
			// Setting a password from a link, and asking for one: open to all; without a
			// working link the page
			// says so, and an empty form comes back with its error.
			Route.of("GET", "/account/set-password", Outcome.OK, Outcome.OK),
			Route.of("POST", "/account/set-password", Outcome.OK, Outcome.OK),
			Route.of("GET", "/account/forgotten-password", Outcome.OK, Outcome.OK),
			Route.of("POST", "/account/forgotten-password", Outcome.OK, Outcome.OK),
			// Staff accounts: the office and the DSL. The {id} here is no account's, so
			// those allowed get 404.
			Route.only("GET", "/admin/staff", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/admin/staff/new", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/admin/staff", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/admin/staff/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/induction", Outcome.SIGN_IN, Outcome.NOT_FOUND, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/deactivate", Outcome.SIGN_IN, Outcome.NOT_FOUND, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/reactivate", Outcome.SIGN_IN, Outcome.NOT_FOUND, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/invitation", Outcome.SIGN_IN, Outcome.NOT_FOUND, STAFF_KEEPERS,
					Outcome.REFUSED),
			// Access levels and categories: the DSL alone.
			Route.only("GET", "/admin/access", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/access/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/access/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/categories", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/categories/new", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/categories", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/categories/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/categories/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/school", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/school", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/school/contacts", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/school/contacts/{id}/remove", Outcome.SIGN_IN, Outcome.NOT_FOUND, DSL_ONLY,
					Outcome.REFUSED),
			// Logging concerns: every member of staff, never a governor who is not staff.
			// A posted form without
			// its one-time token is a bad request; a confirmation that is not yours is
			// not found.
			Route.only("GET", "/concerns/new", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.only("GET", "/concerns/pupils", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.only("POST", "/concerns", Outcome.SIGN_IN, Outcome.BAD_REQUEST, EVERY_STAFF, Outcome.REFUSED),
			Route.only("GET", "/concerns", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.REFUSED),
			Route.only("GET", "/concerns/mine", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.only("GET", "/concerns/{id}/logged", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			Route.only("GET", "/concerns/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF, Outcome.REFUSED),
			Route.only("POST", "/concerns/{id}/further-information", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			Route.only("GET", "/alerts", Outcome.SIGN_IN, Outcome.OK,
					Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM), Outcome.REFUSED),
			// A chronology: the DSL and deputies; a member of the safeguarding team only
			// where the child has entries in their categories (this child has none); to
			// everyone else it does not exist. An empty entry form comes back with its
			// errors; an entry id that is no entry's is not found.
			Route.only("GET", "/pupils/{id}/chronology", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			Route.only("POST", "/pupils/{id}/chronology/verify", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.only("GET", "/pupils/{id}/chronology/new/{kind}", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.only("POST", "/pupils/{id}/chronology/new/{kind}", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.of("GET", "/pupils/{id}/chronology/{entryId}/amend", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("POST", "/pupils/{id}/chronology/{entryId}/amend", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("GET", "/pupils/{id}/chronology/{entryId}/outcome", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("POST", "/pupils/{id}/chronology/{entryId}/outcome", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			// Screening: the id here is no concern's.
			Route.only("POST", "/concerns/{id}/screening", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			Route.only("POST", "/concerns/{id}/close", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			Route.only("POST", "/concerns/{id}/reopen", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			// Actions: everyone signed in has a list of their own. A new action needs a
			// child the DSL team may see (none is named here); the id is no action's.
			Route.of("GET", "/actions", Outcome.SIGN_IN, Outcome.OK),
			Route.only("GET", "/search", Outcome.SIGN_IN, Outcome.OK,
					Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM), Outcome.REFUSED),
			Route.of("GET", "/actions/new", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("POST", "/actions", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("GET", "/actions/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("POST", "/actions/{id}/complete", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("POST", "/actions/{id}/reassign", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.of("POST", "/actions/{id}/cancel", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			// Documents: uploading to a chronology as the chronology itself (an
			// empty form comes back with its error); attaching to a concern, the
			// member of staff who raised it (the id here is no concern's); a
			// download, whoever may open an entry recording it (the id is no
			// document's).
			Route.only("GET", "/pupils/{id}/documents/new", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			Route.only("POST", "/pupils/{id}/documents", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			Route.only("GET", "/concerns/{id}/documents/new", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			Route.only("POST", "/concerns/{id}/documents", Outcome.SIGN_IN, Outcome.NOT_FOUND, EVERY_STAFF,
					Outcome.REFUSED),
			Route.of("GET", "/documents/{id}", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			// Each person's own account; an empty password form comes back with
			// its errors.
			Route.of("GET", "/account", Outcome.SIGN_IN, Outcome.OK),
			Route.of("GET", "/account/password", Outcome.SIGN_IN, Outcome.OK),
			Route.of("POST", "/account/password", Outcome.SIGN_IN, Outcome.OK),
			// The audit log: the DSL alone.
			Route.only("GET", "/admin/audit", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/audit/export", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/audit/verify", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_ONLY, Outcome.REFUSED));

	/** Routes that are not controllers of Haven's own: Spring Boot's error page. */
	private static final Set<String> NOT_IN_THE_MATRIX = Set.of("/error");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final Map<Who, Visitor> visitors = new HashMap<>();

	@TestFactory
	Stream<DynamicTest> everyRouteAnswersEveryVisitorAsTheMatrixSays() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Route route : MATRIX) {
			route.expected()
				.forEach((who,
						outcome) -> tests.add(DynamicTest.dynamicTest(
								route.method() + " " + route.pattern() + " as " + who + " is " + outcome,
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
		MATRIX.forEach((route) -> inMatrix.add(route.method() + " " + route.pattern()));
		assertThat(inMatrix).containsAll(served);
	}

	private Outcome outcome(Route route, Who who) {
		// Signing out ends the session, so it gets a visitor of its own; everything else
		// reuses one per role.
		Visitor visitor = (who == Who.ANONYMOUS || route.pattern().equals("/logout")) ? fresh(who)
				: this.visitors.computeIfAbsent(who, this::fresh);
		// {id} is an Oakfield pupil; any other id in a path is no record's at all.
		String path = route.pattern()
			.replace("{id}", oakfieldPupil().toString())
			.replace("{kind}", "note")
			.replace("{entryId}", UUID.randomUUID().toString());
		HttpResponse<String> response;
		if (route.method().equals("POST")) {
			// The CSRF token of a page the visitor can open, as a form on it would send.
			visitor.get((who == Who.ANONYMOUS) ? "/login" : "/");
			response = visitor.post(path, Map.of());
		}
		else {
			response = visitor.get(path);
		}
		String location = Visitor.location(response);
		return switch (response.statusCode()) {
			case 200 -> Outcome.OK;
			case 302 -> switch (String.valueOf(location)) {
				case "/login" -> Outcome.SIGN_IN;
				case "/" -> Outcome.HOME;
				case "/login?signedOut" -> Outcome.SIGNED_OUT;
				default -> {
					if (location == null || !location.startsWith("/") || location.startsWith("//")) {
						throw new AssertionError("Unexpected redirect to " + location);
					}
					yield Outcome.REDIRECT;
				}
			};
			case 400 -> Outcome.BAD_REQUEST;
			case 403 -> Outcome.REFUSED;
			case 404 -> Outcome.NOT_FOUND;
			default -> throw new AssertionError("Unexpected status " + response.statusCode());
		};
	}

	private UUID oakfieldPupil() {
		return this.jdbc.queryForObject("select p.id from pupil p join school s on s.id = p.school_id "
				+ "where s.name = 'Oakfield Primary School' and p.status = 'ON_ROLL' "
				// A child with no safeguarding record: the safeguarding team's
				// answer does not depend on the demo's history.
				+ "and not exists (select 1 from chronology_entry e where e.pupil_id = p.id) "
				+ "order by p.upn limit 1", UUID.class);
	}

	private Visitor fresh(Who who) {
		Visitor visitor = new Visitor(this.port);
		return (who.email != null) ? visitor.signedInAs(who.email) : visitor;
	}

}
