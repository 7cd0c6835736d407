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

	/**
	 * Who is asking: nobody signed in, one of the demo sign-ins, or one of those whose
	 * role requires a second factor having given only their password.
	 */
	enum Who {

		ANONYMOUS(null, null), STAFF("teacher@oakfield.example", null),
		SAFEGUARDING_TEAM("senco@oakfield.example", null), DEPUTY_DSL("deputy@oakfield.example", null),
		DSL("dsl@oakfield.example", null), GOVERNOR("governor@oakfield.example", null),
		ADMIN("admin@oakfield.example", null), TEAM_PASSWORD_ONLY("senco@oakfield.example", SAFEGUARDING_TEAM),
		DEPUTY_PASSWORD_ONLY("deputy@oakfield.example", DEPUTY_DSL), DSL_PASSWORD_ONLY("dsl@oakfield.example", DSL),
		ADMIN_PASSWORD_ONLY("admin@oakfield.example", ADMIN);

		final String email;

		/** For a password-only visitor, the role they would have with the factor. */
		final Who full;

		Who(String email, Who full) {
			this.email = email;
			this.full = full;
		}

		boolean passwordOnly() {
			return this.full != null;
		}

	}

	/** What they get. */
	enum Outcome {

		OK, SIGN_IN, HOME, SIGNED_OUT, BAD_REQUEST, REFUSED, NOT_FOUND,
		/** Done, and sent on to another page of Haven's (a form that was accepted). */
		REDIRECT,
		/** Sent to give (or set up) a second factor first. */
		SECOND_FACTOR

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
				if (!who.passwordOnly()) {
					expected.put(who, (who == Who.ANONYMOUS) ? anonymous : roles.contains(who) ? allowed : otherwise);
				}
			}
			return new Route(method, pattern, passwordOnly(expected));
		}

		/**
		 * A password alone reaches no page that asks for a signed-in person: it is sent
		 * for the second factor. Pages open to anyone answer as they do once signed in.
		 */
		static Map<Who, Outcome> passwordOnly(Map<Who, Outcome> expected) {
			for (Who who : Who.values()) {
				if (who.passwordOnly()) {
					expected.putIfAbsent(who, (expected.get(Who.ANONYMOUS) == Outcome.SIGN_IN) ? Outcome.SECOND_FACTOR
							: expected.get(who.full));
				}
			}
			return expected;
		}

		/**
		 * @return a route whose outcome is given for each visitor that signed in fully;
		 * the password-only ones follow {@link #passwordOnly}
		 */
		static Route each(String method, String pattern, Map<Who, Outcome> signedIn) {
			Map<Who, Outcome> expected = new EnumMap<>(signedIn);
			return new Route(method, pattern, passwordOnly(expected));
		}

	}

	private static final Set<Who> DIRECTORY_KEEPERS = Set.of(Who.DSL, Who.DEPUTY_DSL, Who.ADMIN);

	private static final Set<Who> IMPORTERS = Set.of(Who.DSL, Who.ADMIN);

	private static final Set<Who> STAFF_KEEPERS = Set.of(Who.DSL, Who.ADMIN);

	private static final Set<Who> DSL_ONLY = Set.of(Who.DSL);

	/** The demo sign-ins that need no second factor and have none. */
	private static final Set<Who> NO_FACTOR = Set.of(Who.STAFF, Who.GOVERNOR);

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
			// Denied to all: a password alone is refused as plainly.
			Route.each("GET", "/a-route-with-no-rule",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.REFUSED), Outcome.REFUSED)),
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
			// Opening one needs a second factor in the last 12 hours, whoever asks: those
			// who have none are sent to set one up before the answer.
			Route.each("GET", "/pupils/{id}/chronology",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), DSL_TEAM, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/verify", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/new/{kind}",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), DSL_TEAM, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/new/{kind}", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/{entryId}/amend",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), Set.of(), Outcome.OK)),
			Route.of("POST", "/pupils/{id}/chronology/{entryId}/amend", Outcome.SIGN_IN, Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/{entryId}/outcome",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), Set.of(), Outcome.OK)),
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
			Route.each("GET", "/documents/{id}",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), Set.of(), Outcome.OK)),
			// Each person's own account; an empty password form comes back with
			// its errors.
			Route.of("GET", "/account", Outcome.SIGN_IN, Outcome.OK),
			Route.of("GET", "/account/password", Outcome.SIGN_IN, Outcome.OK),
			Route.of("POST", "/account/password", Outcome.SIGN_IN, Outcome.OK),
			// The second factor: giving it (an empty code is sent back to try again),
			// a recovery code instead, and setting up an app, which those who have one
			// are sent back from. The demo teacher and governor have none.
			Route.each("GET", "/sign-in/second-factor",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.OK, NO_FACTOR, Outcome.SECOND_FACTOR),
							Outcome.OK)),
			Route.each("POST", "/sign-in/second-factor",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.SECOND_FACTOR), Outcome.SECOND_FACTOR)),
			Route.each("GET", "/sign-in/second-factor/recovery",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.OK), Outcome.OK)),
			Route.each("GET", "/sign-in/second-factor/enrol",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.SECOND_FACTOR, NO_FACTOR, Outcome.OK),
							Outcome.SECOND_FACTOR)),
			Route.each("POST", "/sign-in/second-factor/enrol",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.SECOND_FACTOR, NO_FACTOR, Outcome.OK),
							Outcome.SECOND_FACTOR)),
			// Changing factors: an empty confirmation comes back with its errors;
			// without one, each change is sent back to ask for it.
			Route.of("GET", "/account/second-factor", Outcome.SIGN_IN, Outcome.OK),
			Route.of("POST", "/account/second-factor/confirm", Outcome.SIGN_IN, Outcome.OK),
			Route.of("POST", "/account/second-factor/app", Outcome.SIGN_IN, Outcome.REDIRECT),
			Route.of("POST", "/account/second-factor/app/confirm", Outcome.SIGN_IN, Outcome.REDIRECT),
			Route.of("POST", "/account/second-factor/app/remove", Outcome.SIGN_IN, Outcome.REDIRECT),
			Route.of("POST", "/account/second-factor/recovery-codes", Outcome.SIGN_IN, Outcome.REDIRECT),
			Route.of("POST", "/account/second-factor/passkeys/{id}/remove", Outcome.SIGN_IN, Outcome.REDIRECT),
			// An administrator clears someone else's second factor (the id here is no
			// account's).
			Route.only("POST", "/admin/staff/{id}/second-factor/reset", Outcome.SIGN_IN, Outcome.NOT_FOUND,
					Set.of(Who.ADMIN), Outcome.REFUSED),
			// The audit log: the DSL alone.
			Route.only("GET", "/admin/audit", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/audit/export", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/audit/checkpoint", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/audit/checkpoint", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/audit/verify", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_ONLY, Outcome.REFUSED));

	/**
	 * @return anonymous and every fully signed-in visitor's outcome, and a different one
	 * for those given
	 */
	private static Map<Who, Outcome> everyone(Outcome anonymous, Outcome signedIn, Set<Who> some, Outcome theirs) {
		Map<Who, Outcome> expected = new EnumMap<>(Who.class);
		for (Who who : Who.values()) {
			if (!who.passwordOnly()) {
				expected.put(who, (who == Who.ANONYMOUS) ? anonymous : some.contains(who) ? theirs : signedIn);
			}
		}
		return expected;
	}

	private static Map<Who, Outcome> everyone(Outcome anonymous, Outcome signedIn) {
		return everyone(anonymous, signedIn, Set.of(), signedIn);
	}

	private static Map<Who, Outcome> withPasswordOnly(Map<Who, Outcome> expected, Outcome passwordOnly) {
		for (Who who : Who.values()) {
			if (who.passwordOnly()) {
				expected.put(who, passwordOnly);
			}
		}
		return expected;
	}

	/**
	 * A record that needs a recent second factor: those who have none (the demo teacher
	 * and governor) are sent to set one up; the rest answer as for any route.
	 */
	private static Map<Who, Outcome> stepUp(Map<Who, Outcome> expected, Set<Who> allowed, Outcome theirs) {
		allowed.forEach((who) -> expected.put(who, theirs));
		NO_FACTOR.forEach((who) -> expected.put(who, Outcome.SECOND_FACTOR));
		return expected;
	}

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
			visitor.get((who == Who.ANONYMOUS) ? "/login" : who.passwordOnly() ? "/sign-in/second-factor" : "/");
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
					if (location.startsWith("/sign-in/second-factor")) {
						yield Outcome.SECOND_FACTOR;
					}
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
		if (who.passwordOnly()) {
			visitor.signIn(who.email, Visitor.DEMO_PASSWORD);
			return visitor;
		}
		return (who.email != null) ? visitor.signedInAs(who.email) : visitor;
	}

}
