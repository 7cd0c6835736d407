package org.haven.system;

import org.haven.system.SchoolTime;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.Visitor;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.accounts.Role;
import org.haven.allegations.Allegations;
import org.haven.documents.DocumentFixtures;
import org.haven.pupils.YearGroup;
import org.haven.reports.GovernorsReports;
import org.haven.reports.ReportPeriod;
import org.haven.signin.TestCodes;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route × every kind of visitor × the expected outcome (DESIGN.md §1: deny by
 * default, enforced at the route and in the service). Each new route joins
 * {@link #MATRIX}; {@link #everyRouteHavenServesIsInTheMatrix()} fails until it does, for
 * controllers and for the routes Spring Security's filters serve themselves
 * ({@link #FILTERS}). Each {@code {id}} is a real record of the matrix's own school that
 * those allowed may open, so the matrix reaches the controllers and their service guards:
 * {@link #everyRouteSomeoneMayUseServesSomeoneInTheMatrix()} fails when a route that
 * someone may use serves nobody in it.
 */
@HavenTest
class AuthorizationMatrixTests {

	/**
	 * Who is asking: nobody signed in, a member of staff of the matrix's own school in
	 * each role, or one of those whose role requires a second factor having given only
	 * their password. The teacher and the governor have no second factor (as the demo's
	 * have none); since their roles never open a chronology or a document, those answer
	 * them 404 at once rather than asking for one; their colleagues
	 * {@link #STAFF_WITH_FACTOR} and {@link #GOVERNOR_WITH_FACTOR} have one. The
	 * safeguarding team member is granted the category the matrix's records are in;
	 * {@link #TEAM_OTHER_CATEGORY} only another.
	 */
	enum Who {

		ANONYMOUS(null), STAFF(null), SAFEGUARDING_TEAM(null), DEPUTY_DSL(null), DSL(null), GOVERNOR(null), ADMIN(null),
		STAFF_WITH_FACTOR(null), GOVERNOR_WITH_FACTOR(null), TEAM_OTHER_CATEGORY(null),
		TEAM_PASSWORD_ONLY(SAFEGUARDING_TEAM), DEPUTY_PASSWORD_ONLY(DEPUTY_DSL), DSL_PASSWORD_ONLY(DSL),
		ADMIN_PASSWORD_ONLY(ADMIN);

		/** For a password-only visitor, the role they would have with the factor. */
		final Who full;

		Who(Who full) {
			this.full = full;
		}

		boolean passwordOnly() {
			return this.full != null;
		}

	}

	/** What they get. */
	enum Outcome {

		OK, SIGN_IN, HOME, SIGNED_OUT, BAD_REQUEST, UNAUTHORIZED, REFUSED, NOT_FOUND,
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
			expected = governorsNeverRefused(pattern, expected);
		}

		/**
		 * A governor (who holds no STAFF) is told a page outside their own does not exist
		 * wherever anyone else would be refused; only a change of their own passkeys not
		 * yet confirmed is refused, as it is for everyone.
		 */
		static Map<Who, Outcome> governorsNeverRefused(String pattern, Map<Who, Outcome> expected) {
			if (pattern.startsWith("/webauthn/")) {
				return expected;
			}
			Map<Who, Outcome> changed = new EnumMap<>(expected);
			for (Who governor : GOVERNORS) {
				changed.computeIfPresent(governor,
						(who, outcome) -> (outcome == Outcome.REFUSED) ? Outcome.NOT_FOUND : outcome);
			}
			return changed;
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

	/** Those who need no second factor and have none. */
	private static final Set<Who> NO_FACTOR = Set.of(Who.STAFF, Who.GOVERNOR);

	/** The DSL and the deputies. */
	private static final Set<Who> DSL_TEAM = Set.of(Who.DSL, Who.DEPUTY_DSL);

	/** The DSL team and the safeguarding team member granted the records' category. */
	private static final Set<Who> READERS = Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM);

	/** Everyone but the governors holds STAFF. */
	private static final Set<Who> EVERY_STAFF = Set.of(Who.STAFF, Who.SAFEGUARDING_TEAM, Who.DEPUTY_DSL, Who.DSL,
			Who.ADMIN, Who.STAFF_WITH_FACTOR, Who.TEAM_OTHER_CATEGORY);

	/** The governors, who hold no STAFF. */
	private static final Set<Who> GOVERNORS = Set.of(Who.GOVERNOR, Who.GOVERNOR_WITH_FACTOR);

	/** Governors, the DSL and the deputies: who read published governors' reports. */
	private static final Set<Who> GOVERNORS_AND_DSL_TEAM = Set.of(Who.GOVERNOR, Who.GOVERNOR_WITH_FACTOR, Who.DSL,
			Who.DEPUTY_DSL);

	/** Who may raise a concern about an adult. */
	private static final Set<Who> EVERY_STAFF_AND_GOVERNORS = Set.of(Who.STAFF, Who.SAFEGUARDING_TEAM, Who.DEPUTY_DSL,
			Who.DSL, Who.ADMIN, Who.STAFF_WITH_FACTOR, Who.TEAM_OTHER_CATEGORY, Who.GOVERNOR, Who.GOVERNOR_WITH_FACTOR);

	/**
	 * The case managers for concerns about adults: the DSL here is also the headteacher,
	 * and the governor with a factor is the chair.
	 */
	private static final Set<Who> CASE_MANAGERS = Set.of(Who.DSL, Who.GOVERNOR_WITH_FACTOR);

	static final List<Route> MATRIX = List.of(Route.of("GET", "/", Outcome.SIGN_IN, Outcome.OK),
			Route.of("GET", "/login", Outcome.OK, Outcome.HOME),
			// A sign-out with its CSRF token, as the layout's button sends it.
			Route.of("POST", "/logout", Outcome.SIGNED_OUT, Outcome.SIGNED_OUT),
			Route.of("GET", "/actuator/health", Outcome.OK, Outcome.OK),
			// Metrics: the operator token alone (MetricsTests); no session opens them.
			Route.of("GET", "/actuator/prometheus", Outcome.UNAUTHORIZED, Outcome.REFUSED),
			// Denied to all: a password alone is refused as plainly.
			Route.each("GET", "/a-route-with-no-rule",
					withPasswordOnly(everyone(Outcome.SIGN_IN, Outcome.REFUSED), Outcome.REFUSED)),
			// The pupil directory; {id} is the matrix's pupil. An empty form posted by
			// those allowed comes back with its errors (200) and changes nothing.
			Route.only("GET", "/pupils", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/new", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/pupils", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}/edit", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/edit", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}/leave", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/leave", Outcome.SIGN_IN, Outcome.OK, DIRECTORY_KEEPERS, Outcome.REFUSED),
			// Pupil imports; {id} is an import the DSL made, which the office sees too.
			// An empty upload comes back with its error; the first to confirm enrols.
			Route.only("GET", "/admin/pupils/import", Outcome.SIGN_IN, Outcome.OK, IMPORTERS, Outcome.REFUSED),
			Route.only("POST", "/admin/pupils/import", Outcome.SIGN_IN, Outcome.OK, IMPORTERS, Outcome.REFUSED),
			Route.only("GET", "/admin/pupils/import/{id}", Outcome.SIGN_IN, Outcome.OK, IMPORTERS, Outcome.REFUSED),
			Route.each("POST", "/admin/pupils/import/{id}/confirm",
					with(everyone(Outcome.SIGN_IN, Outcome.REFUSED), Who.DSL, Outcome.REDIRECT, Who.ADMIN,
							Outcome.REDIRECT)),
			// Setting a password from a link, and asking for one: open to all; without a
			// working link the page says so, and an empty form comes back with its error.
			Route.of("GET", "/account/set-password", Outcome.OK, Outcome.OK),
			Route.of("POST", "/account/set-password", Outcome.OK, Outcome.OK),
			Route.of("GET", "/account/forgotten-password", Outcome.OK, Outcome.OK),
			Route.of("POST", "/account/forgotten-password", Outcome.OK, Outcome.OK),
			// Staff accounts: the office and the DSL. {id} is a member of staff kept for
			// the matrix: deactivated, reactivated and invited again.
			Route.only("GET", "/admin", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/admin/staff", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/admin/staff/new", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/admin/staff", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/admin/staff/{id}", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/induction", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/deactivate", Outcome.SIGN_IN, Outcome.REDIRECT, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/reactivate", Outcome.SIGN_IN, Outcome.REDIRECT, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/staff/{id}/invitation", Outcome.SIGN_IN, Outcome.REDIRECT, STAFF_KEEPERS,
					Outcome.REFUSED),
			// Access levels and categories: the DSL alone. {id} is the same member of
			// staff, and a category.
			Route.only("GET", "/admin/access", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/access/{id}", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/access/{id}", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/categories", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/categories/new", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/categories", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/categories/{id}", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/categories/{id}", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/school", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/school", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/school/contacts", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/school/contacts/{id}/remove", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_ONLY,
					Outcome.REFUSED),
			// Term dates: the DSL or the office. {year} is a school year.
			Route.only("GET", "/admin/school/terms", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS, Outcome.REFUSED),
			Route.only("GET", "/admin/school/terms/{year}", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS,
					Outcome.REFUSED),
			Route.only("POST", "/admin/school/terms/{year}", Outcome.SIGN_IN, Outcome.OK, STAFF_KEEPERS,
					Outcome.REFUSED),
			// Logging concerns: every member of staff, never a governor who is not staff.
			// A posted form without its one-time token is a bad request. {id} is a
			// concern the teacher logged in the category the safeguarding team member
			// holds: its author, the DSL team and that member read it; to any other
			// member of staff (the office included) it does not exist.
			Route.only("GET", "/concerns/new", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.only("GET", "/concerns/pupils", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.only("POST", "/concerns", Outcome.SIGN_IN, Outcome.BAD_REQUEST, EVERY_STAFF, Outcome.REFUSED),
			Route.only("GET", "/concerns", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.REFUSED),
			Route.only("GET", "/concerns/mine", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.each("GET", "/concerns/{id}/logged",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, Who.STAFF,
							Outcome.OK)),
			Route.each("GET", "/concerns/{id}",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, READERS, Outcome.OK,
							Who.STAFF, Outcome.OK)),
			Route.each("POST", "/concerns/{id}/further-information",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, Who.STAFF,
							Outcome.OK)),
			Route.only("GET", "/alerts", Outcome.SIGN_IN, Outcome.OK,
					Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM, Who.TEAM_OTHER_CATEGORY), Outcome.REFUSED),
			// A chronology: the DSL and deputies; a member of the safeguarding team only
			// where the child has entries in their categories; to everyone else it does
			// not exist. An empty entry form comes back with its errors. {entryId} is a
			// note in the team member's category, or (for an outcome) a referral.
			// Opening one needs a second factor in the last 12 hours from those whose
			// roles
			// may read one; the teacher and the governor, who never may, are told at once
			// that it does not exist, never sent to set up a factor that would open
			// nothing.
			Route.each("GET", "/pupils/{id}/chronology",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), READERS, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/verify", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/new/{kind}",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), READERS, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/new/{kind}", Outcome.SIGN_IN, Outcome.OK, READERS,
					Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/{entryId}/amend",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), READERS, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/{entryId}/amend", Outcome.SIGN_IN, Outcome.OK, READERS,
					Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/{entryId}/outcome",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), READERS, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/{entryId}/outcome", Outcome.SIGN_IN, Outcome.OK, READERS,
					Outcome.NOT_FOUND),
			// Exporting a chronology: the DSL and deputies record a disclosure first (an
			// empty form comes back with its errors); the record and the PDF against it
			// ({disclosureId}, the DSL's own, recorded moments ago) open only for the
			// person who recorded it.
			Route.each("GET", "/pupils/{id}/chronology/disclose",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), DSL_TEAM, Outcome.OK)),
			Route.only("POST", "/pupils/{id}/chronology/disclose", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.NOT_FOUND),
			Route.each("GET", "/pupils/{id}/chronology/disclosures/{disclosureId}",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), Set.of(Who.DSL), Outcome.OK)),
			Route.each("GET", "/pupils/{id}/chronology.pdf",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), Set.of(Who.DSL), Outcome.OK)),
			// Transfers of a child's file (issue 17): the DSL and deputies. {transferId}
			// is
			// the matrix pupil's open transfer, {receivedId} a package received for them;
			// an empty form comes back with its errors and records nothing.
			Route.only("GET", "/transfers", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.REFUSED),
			Route.only("GET", "/transfers/receive", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.REFUSED),
			Route.only("POST", "/transfers/receive", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.REFUSED),
			// Confirming an enrolment offered for a package: an offer not made to the
			// person (here, none) is not theirs to know of.
			Route.only("POST", "/transfers/receive/enrol", Outcome.SIGN_IN, Outcome.NOT_FOUND, DSL_TEAM,
					Outcome.REFUSED),
			Route.only("GET", "/transfers/received/{receivedId}", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.REFUSED),
			Route.only("GET", "/pupils/{id}/transfers", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/transfers/{transferId}/package", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/transfers/{transferId}/sent", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.REFUSED),
			Route.only("POST", "/pupils/{id}/transfers/{transferId}/receipt", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM,
					Outcome.REFUSED),
			// Screening, closing and reopening the concern: the DSL team; an empty form
			// comes back with its errors.
			Route.each("POST", "/concerns/{id}/screening",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, DSL_TEAM,
							Outcome.OK)),
			Route.each("POST", "/concerns/{id}/close",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, DSL_TEAM,
							Outcome.OK)),
			Route.each("POST", "/concerns/{id}/reopen",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, DSL_TEAM,
							Outcome.OK)),
			// Actions: everyone signed in has a list of their own. {id} is the teacher's
			// action for the matrix's pupil: the teacher and the DSL team open it, the
			// teacher alone completes it, the DSL team reassigns or cancels it (an empty
			// form comes back with its errors). A new action names the pupil.
			Route.of("GET", "/actions", Outcome.SIGN_IN, Outcome.OK),
			Route.only("GET", "/search", Outcome.SIGN_IN, Outcome.OK,
					Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM, Who.TEAM_OTHER_CATEGORY), Outcome.REFUSED),
			// The DSL team's reports, and each table as CSV ({panel}: the children with
			// the
			// most concerns): the safeguarding team's count only its categories.
			Route.only("GET", "/reports", Outcome.SIGN_IN, Outcome.OK,
					Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM, Who.TEAM_OTHER_CATEGORY), Outcome.REFUSED),
			Route.only("GET", "/reports/csv/{panel}", Outcome.SIGN_IN, Outcome.OK,
					Set.of(Who.DSL, Who.DEPUTY_DSL, Who.SAFEGUARDING_TEAM, Who.TEAM_OTHER_CATEGORY), Outcome.REFUSED),
			Route.only("GET", "/actions/new", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			Route.only("POST", "/actions", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			Route.each("GET", "/actions/{id}",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), DSL_TEAM, Outcome.OK, Who.STAFF, Outcome.OK)),
			Route.only("POST", "/actions/{id}/complete", Outcome.SIGN_IN, Outcome.OK, Set.of(Who.STAFF),
					Outcome.NOT_FOUND),
			Route.only("POST", "/actions/{id}/reassign", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			Route.only("POST", "/actions/{id}/cancel", Outcome.SIGN_IN, Outcome.OK, DSL_TEAM, Outcome.NOT_FOUND),
			// Documents: uploading to a chronology as the chronology itself (an empty
			// form comes back with its error); attaching to a concern, the member of
			// staff who raised it; a download ({id} a document on the chronology in the
			// team member's category), whoever may open an entry recording it.
			Route.only("GET", "/pupils/{id}/documents/new", Outcome.SIGN_IN, Outcome.OK, READERS, Outcome.NOT_FOUND),
			Route.only("POST", "/pupils/{id}/documents", Outcome.SIGN_IN, Outcome.OK, READERS, Outcome.NOT_FOUND),
			Route.each("GET", "/concerns/{id}/documents/new",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, Who.STAFF,
							Outcome.OK)),
			Route.each("POST", "/concerns/{id}/documents",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), GOVERNORS, Outcome.REFUSED, Who.STAFF,
							Outcome.OK)),
			Route.each("GET", "/documents/{id}",
					stepUp(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), READERS, Outcome.OK)),
			// Concerns about adults: any member of staff raises one, and a governor
			// (about
			// the headteacher); without its one-time token a post is a bad request. {id}
			// is
			// the teacher's concern about a member of staff, whose case manager is the
			// DSL
			// (also the headteacher here); its reporter alone sees that it was received.
			// A
			// case is read by its manager and the staff they add, with a second factor:
			// any
			// other member of staff is told it does not exist (the teacher, who has no
			// factor, is first asked for one), and so is the chair of governors
			// (GOVERNOR_WITH_FACTOR), who manages only concerns about the head; a
			// governor
			// who is not the chair is refused. Their list of cases is empty. An empty
			// form
			// comes back with its errors. {entry} is a note on the case; {staff} someone
			// the
			// DSL added to it, whom the DSL removes.
			Route.only("GET", "/allegations/new", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF_AND_GOVERNORS,
					Outcome.REFUSED),
			Route.only("GET", "/allegations/pupils", Outcome.SIGN_IN, Outcome.OK, EVERY_STAFF, Outcome.REFUSED),
			Route.only("POST", "/allegations", Outcome.SIGN_IN, Outcome.BAD_REQUEST, EVERY_STAFF_AND_GOVERNORS,
					Outcome.REFUSED),
			Route.each("GET", "/allegations/{id}/received",
					with(everyone(Outcome.SIGN_IN, Outcome.NOT_FOUND), Who.STAFF, Outcome.OK)),
			Route.each("GET", "/allegations",
					with(everyone(Outcome.SIGN_IN, Outcome.REFUSED), EVERY_STAFF, Outcome.OK, Who.STAFF,
							Outcome.SECOND_FACTOR, Who.GOVERNOR_WITH_FACTOR, Outcome.OK)),
			Route.each("GET", "/allegations/low-level",
					with(caseRead(Outcome.OK), Who.GOVERNOR_WITH_FACTOR, Outcome.OK)),
			Route.each("GET", "/allegations/retention",
					with(caseRead(Outcome.OK), Who.GOVERNOR_WITH_FACTOR, Outcome.OK)),
			Route.each("GET", "/allegations/references",
					with(caseRead(Outcome.OK), Who.GOVERNOR_WITH_FACTOR, Outcome.OK)),
			Route.each("GET", "/allegations/{id}", caseRead(Outcome.OK)),
			Route.each("POST", "/allegations/{id}/verify", caseWrite(Outcome.REDIRECT)),
			Route.each("GET", "/allegations/{id}/steps/{slug}", caseRead(Outcome.OK)),
			Route.each("POST", "/allegations/{id}/steps/{slug}", caseWrite(Outcome.OK)),
			Route.each("GET", "/allegations/{id}/entries/{entry}/amend", caseRead(Outcome.OK)),
			Route.each("POST", "/allegations/{id}/entries/{entry}/amend", caseWrite(Outcome.OK)),
			Route.each("GET", "/allegations/{id}/access", caseRead(Outcome.OK)),
			Route.each("POST", "/allegations/{id}/access", caseWrite(Outcome.OK)),
			Route.each("POST", "/allegations/{id}/access/{staff}/remove", caseWrite(Outcome.REDIRECT)),
			Route.each("GET", "/allegations/{id}/date-of-birth", caseRead(Outcome.OK)),
			Route.each("POST", "/allegations/{id}/date-of-birth", caseWrite(Outcome.OK)),
			// Only a case closed as false or malicious is reduced: the matrix's case is
			// open.
			Route.each("GET", "/allegations/{id}/reduce", caseRead(Outcome.NOT_FOUND)),
			Route.each("POST", "/allegations/{id}/reduce", caseWrite(Outcome.NOT_FOUND)),
			Route.each("POST", "/allegations/retention/retirement-age",
					with(caseWrite(Outcome.OK), Who.GOVERNOR_WITH_FACTOR, Outcome.OK)),
			// Each person's own account; an empty password form comes back with
			// its errors.
			Route.of("GET", "/account", Outcome.SIGN_IN, Outcome.OK),
			Route.of("GET", "/account/password", Outcome.SIGN_IN, Outcome.OK),
			Route.of("POST", "/account/password", Outcome.SIGN_IN, Outcome.OK),
			// The second factor: giving it (an empty code is sent back to try again),
			// a recovery code instead, and setting up an app, which those who have one
			// are sent back from. The teacher and governor have none.
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
			// An administrator clears someone else's second factor ({id}: the member of
			// staff kept for the matrix).
			Route.only("POST", "/admin/staff/{id}/second-factor/reset", Outcome.SIGN_IN, Outcome.REDIRECT,
					Set.of(Who.ADMIN), Outcome.REFUSED),
			// The audit log: the DSL alone.
			Route.only("GET", "/admin/audit", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/audit/export", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("GET", "/admin/audit/checkpoint", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/audit/checkpoint", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_ONLY, Outcome.REFUSED),
			Route.only("POST", "/admin/audit/verify", Outcome.SIGN_IN, Outcome.REDIRECT, DSL_ONLY, Outcome.REFUSED),
			// The governors' report: governors and the DSL team read what is published
			// ({id}
			// the matrix's published report, as a page, a PDF and a CSV); the DSL alone
			// prepares one (an empty form comes back with its errors), which the deputy
			// and the governor are told does not exist.
			Route.only("GET", "/reports/governors", Outcome.SIGN_IN, Outcome.OK, GOVERNORS_AND_DSL_TEAM,
					Outcome.REFUSED),
			Route.only("GET", "/reports/governors/{id}", Outcome.SIGN_IN, Outcome.OK, GOVERNORS_AND_DSL_TEAM,
					Outcome.REFUSED),
			Route.only("GET", "/reports/governors/{id}.pdf", Outcome.SIGN_IN, Outcome.OK, GOVERNORS_AND_DSL_TEAM,
					Outcome.REFUSED),
			Route.only("GET", "/reports/governors/{id}.csv", Outcome.SIGN_IN, Outcome.OK, GOVERNORS_AND_DSL_TEAM,
					Outcome.REFUSED),
			Route.each("GET", "/reports/governors/new",
					with(everyone(Outcome.SIGN_IN, Outcome.REFUSED), Who.DSL, Outcome.OK, Who.DEPUTY_DSL,
							Outcome.NOT_FOUND, GOVERNORS, Outcome.NOT_FOUND)),
			Route.only("POST", "/reports/governors", Outcome.SIGN_IN, Outcome.OK, DSL_ONLY, Outcome.REFUSED),
			// Served by Spring Security's filters rather than a controller. Signing in
			// (each visitor gives their own email and password, on a fresh visit).
			Route.of("POST", "/login", Outcome.HOME, Outcome.HOME),
			// Passkeys: asking for a sign-in challenge and answering it (an empty answer
			// is refused). A signed-in person's own passkeys, once they have confirmed
			// their password and code (anyone else is refused): asking to register one,
			// registering (an empty one is a bad request) and removing one ({id}: the
			// DSL's, which only the DSL may remove).
			Route.of("POST", "/webauthn/authenticate/options", Outcome.OK, Outcome.OK),
			Route.of("POST", "/login/webauthn", Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED),
			Route.each("POST", "/webauthn/register/options",
					withPasswordOnly(everyone(Outcome.REFUSED, Outcome.OK), Outcome.REFUSED)),
			Route.each("POST", "/webauthn/register",
					withPasswordOnly(everyone(Outcome.REFUSED, Outcome.BAD_REQUEST), Outcome.REFUSED)),
			Route.each("DELETE", "/webauthn/register/{id}", withPasswordOnly(
					everyone(Outcome.REFUSED, Outcome.REFUSED, Set.of(Who.DSL), Outcome.OK), Outcome.REFUSED)));

	/**
	 * Routes that some visitor may use but that no visitor in the matrix gets served, and
	 * why.
	 */
	private static final Map<String, String> SERVED_TO_NOBODY = Map.of("POST /concerns",
			"an empty post has no one-time submission token: only a form the person opened may log a concern",
			"POST /allegations",
			"an empty post has no one-time submission token: only a form the person opened may raise a concern",
			"POST /login/webauthn", "only a passkey's signed answer to a challenge signs in", "POST /webauthn/register",
			"only an authenticator's signed answer to the options registers a passkey (PasskeyJourneyTests)",
			"GET /actuator/prometheus", "only the operator token opens the metrics, never a session (MetricsTests)",
			"GET /allegations/{id}/reduce",
			"only a case closed as false or malicious is reduced, and the matrix's case is open (AllegationsTests)",
			"POST /allegations/{id}/reduce",
			"only a case closed as false or malicious is reduced, and the matrix's case is open (AllegationsTests)",
			"POST /transfers/receive/enrol",
			"only an offer made to the person answers, and the matrix has none (TransferEnrolmentTests)");

	/** What counts as being served: the page, or the thing done. */
	private static final Set<Outcome> SERVED = Set.of(Outcome.OK, Outcome.REDIRECT, Outcome.HOME, Outcome.SIGNED_OUT);

	/** Only these mean the route turned the visitor away before any controller. */
	private static final Set<Outcome> TURNED_AWAY = Set.of(Outcome.SIGN_IN, Outcome.REFUSED, Outcome.SECOND_FACTOR);

	/**
	 * @return the outcomes given, each after a visitor or a set of them, over those
	 * already there
	 */
	@SuppressWarnings("unchecked")
	private static Map<Who, Outcome> with(Map<Who, Outcome> expected, Object... pairs) {
		for (int i = 0; i < pairs.length; i += 2) {
			Set<Who> some = (pairs[i] instanceof Who who) ? Set.of(who) : (Set<Who>) pairs[i];
			for (Who who : some) {
				expected.put(who, (Outcome) pairs[i + 1]);
			}
		}
		return expected;
	}

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
	 * @return what each visitor gets from a page of the matrix's case about an adult: the
	 * DSL (its case manager) {@code theirs}, every other member of staff 404 (the
	 * teacher, with no factor, asked for one first), the chair 404, a governor refused
	 */
	private static Map<Who, Outcome> caseRead(Outcome theirs) {
		return with(everyone(Outcome.SIGN_IN, Outcome.REFUSED), EVERY_STAFF, Outcome.NOT_FOUND, Who.STAFF,
				Outcome.SECOND_FACTOR, Who.DSL, theirs, GOVERNORS, Outcome.NOT_FOUND);
	}

	/**
	 * @return the same for a change to it (no second factor is asked: the service's 404
	 * answers first)
	 */
	private static Map<Who, Outcome> caseWrite(Outcome theirs) {
		return with(everyone(Outcome.SIGN_IN, Outcome.REFUSED), EVERY_STAFF, Outcome.NOT_FOUND, Who.DSL, theirs,
				GOVERNORS, Outcome.NOT_FOUND);
	}

	/**
	 * A record that needs a recent second factor from those whose roles may read it: they
	 * all hold one here, so every visitor answers as for any route; those who have none
	 * (the demo teacher and governor) never read a chronology, so they are answered at
	 * once (404), never sent to set one up.
	 */
	private static Map<Who, Outcome> stepUp(Map<Who, Outcome> expected, Set<Who> allowed, Outcome theirs) {
		allowed.forEach((who) -> expected.put(who, theirs));
		return expected;
	}

	/** Routes that are not controllers of Haven's own: Spring Boot's error page. */
	private static final Set<String> NOT_IN_THE_MATRIX = Set.of("/error");

	/**
	 * The filters of Haven's security chain, each with the routes it serves itself (no
	 * controller behind them, so {@link #everyRouteHavenServesIsInTheMatrix()} cannot
	 * find them among the MVC mappings). A filter that joins the chain must be placed
	 * here, with the routes it answers, which then join {@link #MATRIX}.
	 */
	private static final Map<String, Set<String>> FILTERS = Map.ofEntries(Map.entry("DisableEncodeUrlFilter", Set.of()),
			Map.entry("WebAsyncManagerIntegrationFilter", Set.of()), Map.entry("SecurityContextHolderFilter", Set.of()),
			Map.entry("CurrentAccessFilter", Set.of()), Map.entry("OperatorTokenFilter", Set.of()),
			Map.entry("HeaderWriterFilter", Set.of()), Map.entry("CsrfFilter", Set.of()),
			Map.entry("PasskeyChangeGuard", Set.of()), Map.entry("LogoutFilter", Set.of("POST /logout")),
			Map.entry("SignInThrottleFilter", Set.of()),
			Map.entry("UsernamePasswordAuthenticationFilter", Set.of("POST /login")),
			Map.entry("SecondFactorFilter", Set.of("POST /sign-in/second-factor")),
			Map.entry("WebAuthnAuthenticationFilter", Set.of("POST /login/webauthn")),
			Map.entry("PublicKeyCredentialRequestOptionsFilter", Set.of("POST /webauthn/authenticate/options")),
			Map.entry("PublicKeyCredentialCreationOptionsFilter", Set.of("POST /webauthn/register/options")),
			Map.entry("WebAuthnRegistrationFilter",
					Set.of("POST /webauthn/register", "DELETE /webauthn/register/{id}")),
			Map.entry("RequestCacheAwareFilter", Set.of()),
			Map.entry("SecurityContextHolderAwareRequestFilter", Set.of()),
			Map.entry("AnonymousAuthenticationFilter", Set.of()), Map.entry("SessionManagementFilter", Set.of()),
			Map.entry("ExceptionTranslationFilter", Set.of()), Map.entry("AuthorizationFilter", Set.of()));

	/** The DSL's passkey, which the DSL alone may remove. */
	private static final String PASSKEY = "bWF0cml4LXBhc3NrZXk";

	/** The records the matrix opens, made once in a school of its own. */
	private static Fixtures fixtures;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Allegations allegations;

	@Autowired
	TestSchools testSchools;

	@Autowired
	AccessLevels access;

	@Autowired
	GovernorsReports governorsReports;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transaction;

	@Autowired
	org.haven.transfers.TransferPackages transferPackages;

	@Autowired
	org.haven.transfers.TransferReceiving transferReceiving;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	FilterChainProxy securityFilters;

	private final Map<Who, Visitor> visitors = new HashMap<>();

	@TestFactory
	Stream<DynamicTest> everyRouteAnswersEveryVisitorAsTheMatrixSays() {
		fixtures();
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
		FILTERS.values().forEach((routes) -> assertThat(inMatrix).containsAll(routes));
	}

	@Test
	void everyFilterOfTheSecurityChainIsKnownWithTheRoutesItServes() {
		Set<String> filters = new TreeSet<>();
		for (SecurityFilterChain chain : this.securityFilters.getFilterChains()) {
			chain.getFilters().forEach((filter) -> filters.add(filter.getClass().getSimpleName()));
		}
		assertThat(FILTERS.keySet()).as("filters whose routes the matrix knows").containsAll(filters);
	}

	/**
	 * Every route that some visitor may use is used by one in the matrix (it reaches the
	 * controller with a real record and is served), unless the reason it is not is pinned
	 * in {@link #SERVED_TO_NOBODY}.
	 */
	@Test
	void everyRouteSomeoneMayUseServesSomeoneInTheMatrix() {
		List<String> unserved = new ArrayList<>();
		for (Route route : MATRIX) {
			Collection<Outcome> outcomes = route.expected().values();
			// A governor's 404 is how they are turned away (GovernorRefusal).
			boolean someoneMay = !route.expected()
				.entrySet()
				.stream()
				.allMatch((answer) -> TURNED_AWAY.contains(answer.getValue())
						|| (GOVERNORS.contains(answer.getKey()) && answer.getValue() == Outcome.NOT_FOUND));
			if (someoneMay && outcomes.stream().noneMatch(SERVED::contains)) {
				unserved.add(route.method() + " " + route.pattern());
			}
		}
		assertThat(unserved).containsExactlyInAnyOrderElementsOf(SERVED_TO_NOBODY.keySet());
	}

	private Outcome outcome(Route route, Who who) {
		// Signing in and out and changing passkeys change the session, so they get a
		// visitor of their own; everything else reuses one per role.
		String pattern = route.pattern();
		boolean passkeys = pattern.startsWith("/webauthn/register");
		boolean signingIn = pattern.equals("/login") && route.method().equals("POST");
		Visitor visitor;
		if (signingIn) {
			// Signing in is from a visit not yet signed in, with the visitor's own email.
			visitor = fresh(Who.ANONYMOUS);
		}
		else if (who == Who.ANONYMOUS || pattern.equals("/logout") || passkeys) {
			visitor = fresh(who);
		}
		else {
			visitor = this.visitors.computeIfAbsent(who, this::fresh);
		}
		if (passkeys && who != Who.ANONYMOUS && !who.passwordOnly()) {
			// A change of passkeys needs the password (and code) confirmed first.
			visitor.get("/account/second-factor");
			visitor.post("/account/second-factor/confirm", Map.of("currentPassword", Visitor.DEMO_PASSWORD, "code",
					TestCodes.nextCode(fixtures.emails.get(who))));
		}
		String path = path(route);
		HttpResponse<String> response;
		if (route.method().equals("GET")) {
			response = visitor.get(path);
		}
		else {
			// The CSRF token of a page the visitor can open, as a form on it would send.
			visitor.get((who == Who.ANONYMOUS || signingIn) ? "/login"
					: who.passwordOnly() ? "/sign-in/second-factor" : "/");
			if (route.method().equals("DELETE")) {
				response = visitor.delete(path);
			}
			else if (signingIn) {
				String email = fixtures.emails
					.get((who == Who.ANONYMOUS) ? Who.STAFF : who.passwordOnly() ? who.full : who);
				response = visitor.post(path, Map.of("email", email, "password", Visitor.DEMO_PASSWORD));
			}
			else {
				response = visitor.post(path, Map.of());
			}
		}
		String location = Visitor.location(response);
		return switch (response.statusCode()) {
			case 200, 204 -> Outcome.OK;
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
			case 401 -> Outcome.UNAUTHORIZED;
			case 403 -> Outcome.REFUSED;
			case 404 -> Outcome.NOT_FOUND;
			default -> throw new AssertionError("Unexpected status " + response.statusCode());
		};
	}

	/**
	 * @return the route's path with each id a real record's that those allowed may open
	 */
	private static String path(Route route) {
		Fixtures records = fixtures;
		String pattern = route.pattern();
		Object id;
		if (pattern.startsWith("/admin/pupils/import/")) {
			id = records.pupilImport;
		}
		else if (pattern.startsWith("/pupils/")) {
			id = records.pupil;
		}
		else if (pattern.startsWith("/admin/staff/") || pattern.startsWith("/admin/access/")) {
			id = records.kept;
		}
		else if (pattern.startsWith("/admin/categories/")) {
			id = records.category;
		}
		else if (pattern.startsWith("/admin/school/contacts/")) {
			id = records.contact;
		}
		else if (pattern.startsWith("/concerns/")) {
			id = records.concern;
		}
		else if (pattern.startsWith("/allegations/")) {
			id = records.allegation;
		}
		else if (pattern.startsWith("/actions/")) {
			id = records.action;
		}
		else if (pattern.startsWith("/documents/")) {
			id = records.document;
		}
		else if (pattern.startsWith("/reports/governors/")) {
			id = records.governorsReport;
		}
		else if (pattern.startsWith("/webauthn/register/")) {
			id = PASSKEY;
		}
		else {
			// A passkey of Haven's own list: no passkey's at all.
			id = "bm8tc3VjaC1wYXNza2V5";
		}
		String query = pattern.endsWith("/chronology.pdf") ? "?disclosure=" + records.disclosure()
				: pattern.equals("/actions/new") ? "?pupil=" + records.pupil
						: (pattern.equals("/actions") && route.method().equals("POST")) ? "?pupilId=" + records.pupil
								: "";
		return pattern.replace("{id}", id.toString())
			.replace("{kind}", "note")
			.replace("{year}", "2026")
			.replace("{disclosureId}", String.valueOf(records.disclosure()))
			.replace("{transferId}", String.valueOf(records.transfer()))
			.replace("{receivedId}", String.valueOf(records.received()))
			.replace("{panel}", "children")
			.replace("{slug}", "note")
			.replace("{entry}", records.allegationNote.toString())
			.replace("{staff}", records.allegationMember.toString())
			.replace("{entryId}", (pattern.endsWith("/outcome") ? records.referral : records.note).toString()) + query;
	}

	private Visitor fresh(Who who) {
		Visitor visitor = new Visitor(this.port);
		if (who == Who.ANONYMOUS) {
			return visitor;
		}
		if (who.passwordOnly()) {
			visitor.signIn(fixtures.emails.get(who.full), Visitor.DEMO_PASSWORD);
			return visitor;
		}
		String email = fixtures.emails.get(who);
		visitor.signedInAs(email);
		if (who == Who.STAFF_WITH_FACTOR || who == Who.GOVERNOR_WITH_FACTOR) {
			// Their role does not ask for the factor they hold; a record that needs a
			// recent one would.
			visitor.passSecondFactor(email);
			visitor.get("/");
		}
		return visitor;
	}

	/**
	 * The matrix's school: a member of staff in each role, a pupil with a concern, a
	 * chronology in one category (with a note, a referral and a document), an action, an
	 * import, a local contact, and a member of staff for the office and the DSL to
	 * manage.
	 */
	private void fixtures() {
		if (fixtures != null) {
			return;
		}
		UUID school = this.testSchools.school("Authorization matrix school");
		Map<Who, String> emails = new EnumMap<>(Who.class);
		emails.put(Who.STAFF, this.testSchools.memberWithoutSecondFactor(school, Role.STAFF));
		emails.put(Who.SAFEGUARDING_TEAM, this.testSchools.member(school, Role.STAFF, Role.SAFEGUARDING_TEAM));
		emails.put(Who.DEPUTY_DSL, this.testSchools.member(school, Role.STAFF, Role.DEPUTY_DSL));
		emails.put(Who.DSL, this.testSchools.member(school, Role.STAFF, Role.DSL, Role.HEADTEACHER));
		emails.put(Who.GOVERNOR, this.testSchools.memberWithoutSecondFactor(school, Role.GOVERNOR));
		emails.put(Who.ADMIN, this.testSchools.member(school, Role.STAFF, Role.ADMIN));
		emails.put(Who.STAFF_WITH_FACTOR, this.testSchools.memberWithSecondFactor(school, Role.STAFF));
		emails.put(Who.GOVERNOR_WITH_FACTOR,
				this.testSchools.memberWithSecondFactor(school, Role.GOVERNOR, Role.CHAIR_OF_GOVERNORS));
		emails.put(Who.TEAM_OTHER_CATEGORY, this.testSchools.member(school, Role.STAFF, Role.SAFEGUARDING_TEAM));
		UUID selfHarm = this.testSchools.category("self-harm");
		HavenUser dslUser = this.testSchools.user(emails.get(Who.DSL));
		TestSchools.as(dslUser, () -> this.access.change(school, id(emails.get(Who.SAFEGUARDING_TEAM)),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(selfHarm)));
		TestSchools.as(dslUser, () -> this.access.change(school, id(emails.get(Who.TEAM_OTHER_CATEGORY)),
				Set.of(Role.STAFF, Role.SAFEGUARDING_TEAM), Set.of(this.testSchools.category("neglect"))));
		UUID pupil = this.testSchools.pupil(school, "Matrix", "Pupil", YearGroup.YEAR_3, "Ash");
		LocalDateTime earlier = LocalDateTime.now(SchoolTime.ZONE).minusHours(2);
		Map<String, String> when = Map.of("occurredDay", Integer.toString(earlier.getDayOfMonth()), "occurredMonth",
				Integer.toString(earlier.getMonthValue()), "occurredYear", Integer.toString(earlier.getYear()),
				"occurredHour", Integer.toString(earlier.getHour()), "occurredMinute",
				Integer.toString(earlier.getMinute()));

		Visitor teacher = new Visitor(this.port).signedInAs(emails.get(Who.STAFF));
		Map<String, String> concern = new HashMap<>(when);
		concern.putAll(Map.of("submissionToken",
				Jsoup.parse(teacher.get("/concerns/new").body()).select("input[name=submissionToken]").attr("value"),
				"pupilIds", pupil.toString(), "categoryIds", selfHarm.toString(), "location", "Playground",
				"childWords", "I hurt my arm on purpose", "observed", "Scratches on her forearm", "immediateRisk",
				"no"));
		String logged = Visitor.location(teacher.post("/concerns", concern));
		assertThat(logged).as("the matrix's concern").matches("/concerns/[0-9a-f-]{36}/logged");

		Visitor dsl = new Visitor(this.port).signedInAs(emails.get(Who.DSL));
		String chronology = "/pupils/" + pupil + "/chronology";
		Map<String, String> note = new HashMap<>(when);
		note.putAll(
				Map.of("summary", "Spoke to her", "body", "She is safe at home", "categoryIds", selfHarm.toString()));
		dsl.get(chronology + "/new/note");
		assertThat(dsl.post(chronology + "/new/note", note).statusCode()).as("the matrix's note").isEqualTo(302);
		Map<String, String> referral = new HashMap<>(when);
		referral
			.putAll(Map.of("agency", "CSC_MASH", "summary", "Referred to MASH", "categoryIds", selfHarm.toString()));
		dsl.get(chronology + "/new/referral");
		assertThat(dsl.post(chronology + "/new/referral", referral).statusCode()).as("the matrix's referral")
			.isEqualTo(302);
		LocalDate due = LocalDate.now(SchoolTime.ZONE).plusDays(7);
		dsl.get("/actions/new?pupil=" + pupil);
		assertThat(dsl.post("/actions",
				Map.of("pupilId", pupil.toString(), "description", "Check in each morning", "ownerId",
						id(emails.get(Who.STAFF)).toString(), "dueDay", Integer.toString(due.getDayOfMonth()),
						"dueMonth", Integer.toString(due.getMonthValue()), "dueYear", Integer.toString(due.getYear())))
			.statusCode()).as("the matrix's action").isEqualTo(302);
		dsl.get("/pupils/" + pupil + "/documents/new");
		assertThat(dsl.upload("/pupils/" + pupil + "/documents",
				List.of(Map.entry("description", "Minutes"), Map.entry("documentDateDay", "1"),
						Map.entry("documentDateMonth", "3"), Map.entry("documentDateYear", "2026"),
						Map.entry("categoryIds", selfHarm.toString())),
				"file", "minutes.pdf", DocumentFixtures.pdf("Minutes"))
			.statusCode()).as("the matrix's document").isEqualTo(302);
		dsl.get("/admin/school");
		assertThat(dsl.post("/admin/school/contacts", Map.of("kind", "MASH", "name", "Anyshire MASH")).statusCode())
			.as("the matrix's contact")
			.isEqualTo(302);
		dsl.get("/admin/pupils/import");
		String imported = Visitor.location(dsl.upload("/admin/pupils/import", "file", "pupils.csv",
				("UPN,Legal surname,Legal forename,Preferred forename,Date of birth,Gender,Year group,Class,"
						+ "Enrolment date\n" + TestSchools.uniqueUpn()
						+ ",Imported,Ida,,2019-04-02,F,2,Rowan,2023-09-04\n")
					.getBytes(StandardCharsets.UTF_8)));
		assertThat(imported).as("the matrix's import").startsWith("/admin/pupils/import/");

		dsl.get("/pupils/" + pupil + "/chronology/disclose");
		String disclosed = Visitor.location(dsl.post("/pupils/" + pupil + "/chronology/disclose",
				Map.of("submissionToken", UUID.randomUUID().toString(), "recipient", "POLICE", "purpose",
						"Strategy discussion", "lawfulBasis", "SAFEGUARDING", "period", "WHOLE", "childTold", "YES")));
		assertThat(disclosed).as("the matrix's disclosure").contains("/chronology/disclosures/");
		// A transfer for the matrix's pupil, opened as marking them left would (they stay
		// on roll for the routes that need them there), and a package received for them.
		TestSchools.as(dslUser, () -> this.transaction.execute((status) -> {
			this.events.publishEvent(new org.haven.pupils.PupilLeft(school, pupil,
					new org.haven.pupils.Leaving(LocalDate.now(SchoolTime.ZONE), "Matrix Academy", "123456")));
			return null;
		}));
		UUID transfer = this.jdbc.queryForObject("select id from transfer where pupil_id = ?", UUID.class, pupil);
		UUID received = receivedPackage(dslUser, pupil, transfer);
		// A concern about an adult: the teacher raises it about the member of staff kept
		// for the matrix; the DSL is also the headteacher, so its case manager.
		UUID kept = id(this.testSchools.member(school, Role.STAFF));
		Map<String, String> adult = new HashMap<>(Map.of("submissionToken",
				Jsoup.parse(teacher.get("/allegations/new").body()).select("input[name=submissionToken]").attr("value"),
				"onHaven", "yes", "subjectStaffId", kept.toString(), "classification", "ALLEGATION", "occurredDay",
				Integer.toString(earlier.getDayOfMonth()), "occurredMonth", Integer.toString(earlier.getMonthValue()),
				"occurredYear", Integer.toString(earlier.getYear()), "account", "Shouted at a child", "source", "SAW"));
		adult.put("childAtRisk", "NO");
		HttpResponse<String> raised = teacher.post("/allegations", adult);
		String allegation = Visitor.location(raised);
		assertThat(allegation)
			.as("the matrix's allegation: %s", Jsoup.parse(raised.body()).select(".govuk-error-summary").text())
			.matches("/allegations/[0-9a-f-]{36}/received");

		// On it, a note the DSL (its case manager) may amend, and a member of staff they
		// added, whom the matrix's DSL removes.
		UUID allegationId = UUID.fromString(allegation.split("/")[2]);
		UUID allegationMember = id(this.testSchools.member(school, Role.STAFF));
		TestSchools.as(dslUser, () -> {
			this.allegations.recordDemo(dslUser, allegationId, "note", null, null, null, "For the matrix to amend");
			this.allegations.giveAccess(dslUser, allegationId, allegationMember, "For the matrix to remove");
			return null;
		});
		UUID allegationNote = this.jdbc.queryForObject(
				"select id from allegation_entry where allegation_id = ? and kind = 'NOTE'", UUID.class, allegationId);

		String userEntity = "bWF0cml4LWRzbA";
		this.jdbc.update("insert into user_entities (id, name, display_name) values (?, ?, 'Matrix DSL')", userEntity,
				emails.get(Who.DSL));
		this.jdbc.update("insert into user_credentials (credential_id, user_entity_user_id, public_key, "
				+ "signature_count, uv_initialized, backup_eligible, authenticator_transports, "
				+ "public_key_credential_type, backup_state, created, last_used, label) "
				+ "values (?, ?, ?, 0, true, false, 'internal', 'public-key', false, now(), now(), 'Matrix passkey')",
				PASSKEY, userEntity, new byte[] { 1, 2, 3 });

		fixtures = new Fixtures(emails, pupil, UUID.fromString(logged.split("/")[2]),
				this.jdbc.queryForObject("select id from chronology_entry where pupil_id = ? and kind = 'NOTE'",
						UUID.class, pupil),
				this.jdbc.queryForObject("select id from chronology_entry where pupil_id = ? and kind = 'REFERRAL'",
						UUID.class, pupil),
				this.jdbc.queryForObject("select id from follow_up_action where pupil_id = ?", UUID.class, pupil),
				this.jdbc.queryForObject("select id from document where school_id = ? order by uploaded_at limit 1",
						UUID.class, school),
				kept, this.jdbc.queryForObject("select id from school_contact where school_id = ?", UUID.class, school),
				imported.substring("/admin/pupils/import/".length()), selfHarm,
				UUID.fromString(disclosed.substring(disclosed.lastIndexOf('/') + 1)),
				TestSchools.as(dslUser, () -> this.governorsReports.publish(dslUser,
						new ReportPeriod(ReportPeriod.Kind.CUSTOM, "The matrix's month",
								LocalDate.now(SchoolTime.ZONE).minusDays(30), LocalDate.now(SchoolTime.ZONE), null),
						"All well.")),
				allegationId, allegationNote, allegationMember, transfer, received);
	}

	private UUID receivedPackage(HavenUser dsl, UUID pupil, UUID transfer) {
		try {
			java.nio.file.Path zip = java.nio.file.Files.createTempFile("matrix", ".zip");
			try {
				org.haven.transfers.TransferPackages.Contents contents = TestSchools.as(dsl,
						() -> this.transferPackages.prepare(dsl, pupil, transfer, true, null).orElseThrow());
				try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(zip)) {
					this.transferPackages.write(contents, "matrix passphrase".toCharArray(), out);
				}
				try (org.haven.transfers.TransferReceiving.Opened opened = this.transferReceiving.open(zip,
						"matrix passphrase".toCharArray())) {
					return TestSchools.as(dsl, () -> this.transferReceiving.store(dsl, pupil, opened)).orElseThrow();
				}
			}
			finally {
				java.nio.file.Files.deleteIfExists(zip);
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private UUID id(String email) {
		return this.jdbc.queryForObject("select id from staff_account where email = ?", UUID.class, email);
	}

	/**
	 * The matrix's records: whose email each visitor signs in with, and the ids its
	 * routes open.
	 */
	private record Fixtures(Map<Who, String> emails, UUID pupil, UUID concern, UUID note, UUID referral, UUID action,
			UUID document, UUID kept, UUID contact, String pupilImport, UUID category, UUID disclosure,
			UUID governorsReport, UUID allegation, UUID allegationNote, UUID allegationMember, UUID transfer,
			UUID received) {
	}

}
