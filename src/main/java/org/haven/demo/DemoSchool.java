package org.haven.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.datafaker.Faker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.haven.accounts.AccessLevels;
import org.haven.accounts.HavenUser;
import org.haven.allegations.Allegations;
import org.haven.accounts.NewStaffAccount;
import org.haven.accounts.Role;
import org.haven.accounts.StaffAccounts;
import org.haven.actions.FollowUpActions;
import org.haven.chronology.Chronology;
import org.haven.concerns.ConcernLog;
import org.haven.concerns.ConcernScreening;
import org.haven.documents.Documents;
import org.haven.pupils.Gender;
import org.haven.pupils.Leaving;
import org.haven.pupils.NewPupil;
import org.haven.pupils.PupilDirectory;
import org.haven.pupils.PupilFlag;
import org.haven.pupils.Upn;
import org.haven.pupils.YearGroup;
import org.haven.reports.GovernorsReports;
import org.haven.reports.Periods;
import org.haven.reports.ReportPeriod;
import org.haven.school.LocalContact;
import org.haven.school.SafeguardingCategories;
import org.haven.school.SchoolProfile;
import org.haven.school.SchoolSettings;
import org.haven.school.Schools;
import org.haven.school.TermDates;
import org.haven.signin.SecondFactors;
import org.haven.system.SchoolTime;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds Oakfield Primary School on an empty database: staff in every role with the stable
 * demo sign-ins of DESIGN.md §7, and about 200 pupils from Reception to Year 6 with a
 * realistic spread of flags. Datafaker runs from a fixed seed, so every run seeds the
 * same people. It never runs in the {@code prod} profile, and never where a school
 * already exists.
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(name = "haven.demo.enabled", havingValue = "true")
class DemoSchool implements ApplicationRunner {

	/** Documented in the README; a demo for trying the product, never a real school's. */
	static final String PASSWORD = "correct-kettle-lantern-42";

	/**
	 * The authenticator-app secret every demo account that needs a second factor shares
	 * (160 bits in Base32), so that anyone trying Haven can add it to an app once. Demo
	 * only: the demo school is never seeded under {@code prod}.
	 */
	static final String TOTP_SECRET = "HAVENDEMOOAKFIELDPRIMARYSCHOOL23";

	static final String SCHOOL_NAME = "Oakfield Primary School";

	private static final Log log = LogFactory.getLog(DemoSchool.class);

	private static final long SEED = 20260901L;

	private static final Set<String> SENCO_CATEGORIES = Set.of("send", "self-harm", "mental-health");

	/**
	 * The class in each year: one form of entry, named for trees as many primary schools
	 * do.
	 */
	private static final List<DemoClass> CLASSES = List.of(new DemoClass(YearGroup.RECEPTION, "Willow"),
			new DemoClass(YearGroup.YEAR_1, "Hazel"), new DemoClass(YearGroup.YEAR_2, "Rowan"),
			new DemoClass(YearGroup.YEAR_3, "Birch"), new DemoClass(YearGroup.YEAR_4, "Maple"),
			new DemoClass(YearGroup.YEAR_5, "Cedar"), new DemoClass(YearGroup.YEAR_6, "Oak"));

	/** The sign-ins that documentation and people rely on (DESIGN.md §7). */
	static final List<DemoSignIn> SIGN_INS = List.of(
			new DemoSignIn("dsl@oakfield.example", "Helen Carter", "Headteacher",
					EnumSet.of(Role.STAFF, Role.DSL, Role.HEADTEACHER)),
			new DemoSignIn("deputy@oakfield.example", "Daniel Okafor", "Deputy headteacher",
					EnumSet.of(Role.STAFF, Role.DEPUTY_DSL)),
			new DemoSignIn("senco@oakfield.example", "Priya Shah", "SENCo",
					EnumSet.of(Role.STAFF, Role.SAFEGUARDING_TEAM)),
			new DemoSignIn("teacher@oakfield.example", "Tom Hughes", "Year 4 class teacher (Maple)",
					EnumSet.of(Role.STAFF)),
			new DemoSignIn("governor@oakfield.example", "Margaret Ellis", "Safeguarding governor",
					EnumSet.of(Role.GOVERNOR, Role.CHAIR_OF_GOVERNORS)),
			new DemoSignIn("admin@oakfield.example", "Sam Patel", "School business manager",
					EnumSet.of(Role.STAFF, Role.ADMIN)));

	private final Schools schools;

	private final StaffAccounts staff;

	private final PupilDirectory pupils;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final AccessLevels access;

	private final SafeguardingCategories categories;

	private final Set<String> staffEmails = new HashSet<>();

	private final Map<UUID, Set<Role>> safeguardingRoles = new LinkedHashMap<>();

	private final List<UUID> pupilIds = new ArrayList<>();

	/** The child in the demo's allegation about a teaching assistant. */
	private UUID yearFourGirl;

	private final ConcernLog concernLog;

	private final ConcernScreening screening;

	private final FollowUpActions actions;

	private final Chronology chronology;

	private final UserDetailsService users;

	private final SchoolSettings settings;

	private final Documents documents;

	private final SecondFactors secondFactors;

	private final TermDates termDates;

	private final GovernorsReports governorsReports;

	private final Periods periods;

	private final Allegations allegations;

	DemoSchool(Schools schools, StaffAccounts staff, PupilDirectory pupils, TransactionTemplate transaction,
			Clock clock, AccessLevels access, SafeguardingCategories categories, ConcernLog concernLog,
			ConcernScreening screening, FollowUpActions actions, Chronology chronology, UserDetailsService users,
			SchoolSettings settings, Documents documents, SecondFactors secondFactors, TermDates termDates,
			GovernorsReports governorsReports, Periods periods, Allegations allegations) {
		this.termDates = termDates;
		this.periods = periods;
		this.allegations = allegations;
		this.secondFactors = secondFactors;
		this.governorsReports = governorsReports;
		this.documents = documents;
		this.settings = settings;
		this.concernLog = concernLog;
		this.screening = screening;
		this.actions = actions;
		this.chronology = chronology;
		this.users = users;
		this.access = access;
		this.categories = categories;
		this.schools = schools;
		this.staff = staff;
		this.pupils = pupils;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.schools.anyExist()) {
			// Haven itself enrols the demo pupils, with the office's rights: the audit
			// trail names no person.
			SecurityContext previous = SecurityContextHolder.getContext();
			SecurityContext seeder = SecurityContextHolder.createEmptyContext();
			seeder.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("haven-demo-seeder", null,
					List.of(Role.STAFF.authority(), Role.ADMIN.authority(), Role.DSL.authority(),
							Role.DEPUTY_DSL.authority(), Role.HEADTEACHER.authority())));
			SecurityContextHolder.setContext(seeder);
			try {
				this.transaction.executeWithoutResult((status) -> seed());
			}
			finally {
				SecurityContextHolder.setContext(previous);
			}
		}
		if (this.schools.first().filter((school) -> SCHOOL_NAME.equals(school.name())).isPresent()) {
			log.info(signInText());
		}
	}

	private void seed() {
		long started = System.nanoTime();
		Faker faker = new Faker(Locale.UK, new Random(SEED));
		SchoolProfile school = this.schools.register(SCHOOL_NAME, "999001");
		// Who the DSL calls when screening (fictional numbers, from Ofcom's drama range).
		this.settings.addContact(school.id(), LocalContact.Kind.MASH, "Oakshire Children's Front Door (MASH)",
				"01632 960 100", "frontdoor@oakshire.example");
		this.settings.addContact(school.id(), LocalContact.Kind.OUT_OF_HOURS, "Oakshire Emergency Duty Team",
				"01632 960 199", null);
		this.settings.addContact(school.id(), LocalContact.Kind.LADO, "Oakshire LADO", "01632 960 150",
				"lado@oakshire.example");
		this.settings.addContact(school.id(), LocalContact.Kind.EARLY_HELP, "Oakshire Early Help Hub", "01632 960 170",
				"earlyhelp@oakshire.example");
		this.settings.addContact(school.id(), LocalContact.Kind.POLICE, "Oakshire Police public protection unit", "101",
				null);
		// Term dates for last school year and this one (Oakshire's: England's usual
		// pattern), so that reports count by real terms.
		int thisYear = TermDates.schoolYearOf(LocalDate.now(this.clock.withZone(SchoolTime.ZONE)));
		for (int year = thisYear - 1; year <= thisYear; year++) {
			this.termDates.set(school.id(), year, TermDates.usualYear(year));
		}
		// One Argon2id hash for every demo account: they share the demo password, and
		// hashing it thirty times over
		// would only slow the first start.
		String passwordHash = this.staff.hashPassword(PASSWORD);
		for (DemoSignIn signIn : SIGN_INS) {
			UUID id = this.staff.createWithPasswordHash(new NewStaffAccount(school.id(), signIn.email(), signIn.name(),
					signIn.jobTitle(), withoutSafeguardingRoles(signIn.roles())), passwordHash);
			this.safeguardingRoles.put(id, signIn.roles());
		}
		seedColleagues(faker, school.id(), passwordHash);
		int enrolled = seedPupils(faker, school.id());
		// The history is written before the DSL team holds its roles, so that two years
		// of concerns raise no alerts today; then the team does its casework on them.
		DemoCasework casework = new DemoCasework(this.concernLog, this.screening, this.actions, this.chronology,
				this.documents, this.clock, SEED);
		DemoCasework.Cast cast = cast(school.id());
		List<DemoCasework.Logged> history = casework.history(cast);
		grantSafeguardingRoles(school.id());
		this.safeguardingRoles.forEach((id, roles) -> {
			if (roles.stream().anyMatch(Role::requiresSecondFactor)) {
				this.secondFactors.enrolAppWithSecret(id, TOTP_SECRET);
			}
		});
		cast = cast(school.id());
		casework.casework(cast, history);
		casework.longChronologies(cast, history);
		casework.recent(cast);
		// A Year 6 child left yesterday for another school: their transfer is open and
		// due, so the DSL's dashboard shows one (issue 17).
		this.pupils.markLeft(school.id(), this.pupilIds.get(this.pupilIds.size() - 1),
				new Leaving(LocalDate.now(this.clock.withZone(SchoolTime.ZONE)).minusDays(1), "Oakshire Park Academy",
						"999002", "Alex Morgan", "dsl@oakshirepark.example"));
		// Last term's report to governors, published, so that the governor has a real
		// one.
		this.governorsReports.publish(cast.dsl(), this.periods.of(school.id(), ReportPeriod.Kind.LAST_TERM),
				GOVERNORS_NARRATIVE);
		new DemoAllegations(this.allegations, this.staff, this.users, this.clock).seed(school.id(), this.yearFourGirl);
		log.info("Seeded " + SCHOOL_NAME + " with " + enrolled + " pupils and "
				+ (history.size() + DemoCasework.RECENT_CONCERNS) + " concerns in "
				+ (System.nanoTime() - started) / 1_000_000 + " ms");
	}

	/** The demo DSL's narrative: what a DSL writes for governors, naming no one. */
	static final String GOVERNORS_NARRATIVE = """
			This is the first summer term the school has recorded in Haven, so there is nothing to compare with \
			a year before. Most concerns were about neglect, emotional wellbeing and behaviour between pupils, \
			including online; the rise in online concerns followed the Year 5 and 6 phone survey, and the \
			school ran workshops for pupils and an evening for parents in response.

			Every concern was screened by the safeguarding team, most within a school day. Referrals to \
			children's social care were made promptly, and the school attended every child protection \
			conference and core group it was invited to.

			Two areas for governors: some follow-up actions were completed late over the busy weeks before the \
			holiday, and a few newer members of staff still need their Haven induction training, which is \
			booked for the first training day of next term.""";

	private static Set<Role> withoutSafeguardingRoles(Set<Role> roles) {
		Set<Role> without = EnumSet.copyOf(roles);
		without.removeAll(Set.of(Role.DSL, Role.DEPUTY_DSL, Role.SAFEGUARDING_TEAM));
		return without;
	}

	private void grantSafeguardingRoles(UUID schoolId) {
		Set<UUID> sencoCategories = this.categories.all()
			.stream()
			.filter((category) -> SENCO_CATEGORIES.contains(category.code()))
			.map((category) -> category.id())
			.collect(Collectors.toSet());
		this.safeguardingRoles.forEach((id, roles) -> {
			if (!roles.equals(withoutSafeguardingRoles(roles))) {
				// DESIGN.md §7: the SENCo sees SEN-related concerns, self-harm and mental
				// health.
				this.access.change(schoolId, id, roles,
						roles.contains(Role.SAFEGUARDING_TEAM) ? sencoCategories : Set.of());
			}
		});
	}

	/**
	 * Who the history is about and who writes it, as they are now.
	 */
	private DemoCasework.Cast cast(UUID schoolId) {
		List<HavenUser> people = Stream
			.concat(SIGN_INS.stream().map(DemoSignIn::email), this.staffEmails.stream().sorted())
			.map((email) -> (HavenUser) this.users.loadUserByUsername(email))
			.filter((person) -> person.has(Role.STAFF))
			.toList();
		HavenUser dsl = (HavenUser) this.users.loadUserByUsername("dsl@oakfield.example");
		List<HavenUser> deputies = people.stream().filter((person) -> person.has(Role.DEPUTY_DSL)).toList();
		List<UUID> pupils = new ArrayList<>(this.pupilIds);
		Collections.shuffle(pupils, new Random(SEED));
		Map<String, UUID> categoryIds = new HashMap<>();
		this.categories.all().forEach((category) -> categoryIds.put(category.code(), category.id()));
		return new DemoCasework.Cast(schoolId, people, dsl, deputies, pupils, categoryIds);
	}

	/**
	 * A second deputy, the other class teachers and the support staff of a one-form-entry
	 * primary school.
	 */
	private void seedColleagues(Faker faker, UUID schoolId, String passwordHash) {
		addColleague(faker, schoolId, passwordHash, "Family support worker", EnumSet.of(Role.STAFF, Role.DEPUTY_DSL));
		for (DemoClass demoClass : CLASSES) {
			if (demoClass.year() != YearGroup.YEAR_4) {
				addColleague(faker, schoolId, passwordHash,
						demoClass.year().label() + " class teacher (" + demoClass.name() + ")", EnumSet.of(Role.STAFF));
			}
		}
		for (String job : List.of("Teaching assistant", "Teaching assistant", "Teaching assistant",
				"Teaching assistant", "Higher level teaching assistant", "PE teacher", "Music teacher",
				"Midday supervisor", "Midday supervisor", "Breakfast club lead", "Office administrator", "Site manager",
				"Cook")) {
			addColleague(faker, schoolId, passwordHash, job, EnumSet.of(Role.STAFF));
		}
	}

	private void addColleague(Faker faker, UUID schoolId, String passwordHash, String jobTitle, Set<Role> roles) {
		String first = faker.name().firstName();
		String last = faker.name().lastName();
		String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
		String email = local + "@oakfield.example";
		for (int n = 2; this.staffEmails.contains(email); n++) {
			email = local + n + "@oakfield.example";
		}
		this.staffEmails.add(email);
		UUID id = this.staff.createWithPasswordHash(
				new NewStaffAccount(schoolId, email, first + " " + last, jobTitle, withoutSafeguardingRoles(roles)),
				passwordHash);
		this.safeguardingRoles.put(id, roles);
	}

	private int seedPupils(Faker faker, UUID schoolId) {
		Random random = new Random(SEED);
		LocalDate today = LocalDate.now(this.clock);
		int academicYear = (today.getMonthValue() >= Month.SEPTEMBER.getValue()) ? today.getYear()
				: today.getYear() - 1;
		int serial = 0;
		int enrolled = 0;
		for (int index = 0; index < CLASSES.size(); index++) {
			DemoClass demoClass = CLASSES.get(index);
			int classSize = 27 + random.nextInt(4);
			// Born between 1 September and 31 August: Reception children turn five during
			// this academic year.
			LocalDate earliestBirth = LocalDate.of(academicYear - 5 - index, Month.SEPTEMBER, 1);
			int startedReception = academicYear - index;
			for (int child = 0; child < classSize; child++) {
				serial++;
				boolean girl = random.nextBoolean();
				String forename = girl ? faker.name().femaleFirstName() : faker.name().malefirstName();
				String surname = faker.name().lastName();
				String preferred = (random.nextInt(12) == 0) ? faker.name().firstName() : null;
				LocalDate born = earliestBirth.plusDays(random.nextInt(365));
				boolean joinedLater = random.nextInt(8) == 0 && index > 0;
				LocalDate enrolledOn = joinedLater
						? LocalDate.of(startedReception + 1 + random.nextInt(index), Month.SEPTEMBER, 4)
							.plusDays(random.nextInt(200))
						: LocalDate.of(startedReception, Month.SEPTEMBER, 4);
				if (enrolledOn.isAfter(today)) {
					enrolledOn = today;
				}
				this.pupilIds.add(this.pupils.enrol(schoolId,
						new NewPupil(upn(startedReception, serial), forename, surname, preferred, null, born,
								girl ? Gender.FEMALE : Gender.MALE, demoClass.year(), demoClass.name(), enrolledOn,
								flags(random))));
				if (girl && demoClass.year() == YearGroup.YEAR_4 && this.yearFourGirl == null) {
					this.yearFourGirl = this.pupilIds.get(this.pupilIds.size() - 1);
				}
				enrolled++;
			}
		}
		return enrolled;
	}

	/**
	 * Roughly national proportions for a primary school, so that the DSL's dashboard and
	 * the reports look real.
	 */
	private static Set<PupilFlag> flags(Random random) {
		Set<PupilFlag> flags = EnumSet.noneOf(PupilFlag.class);
		addSometimes(flags, PupilFlag.PUPIL_PREMIUM, 25, random);
		addSometimes(flags, PupilFlag.EAL, 20, random);
		addSometimes(flags, PupilFlag.SEN_SUPPORT, 13, random);
		addSometimes(flags, PupilFlag.MEDICAL, 8, random);
		addSometimes(flags, PupilFlag.EARLY_HELP, 4, random);
		addSometimes(flags, PupilFlag.CHILD_IN_NEED, 3, random);
		addSometimes(flags, PupilFlag.EHCP, 3, random);
		addSometimes(flags, PupilFlag.YOUNG_CARER, 2, random);
		addSometimes(flags, PupilFlag.CHILD_PROTECTION_PLAN, 2, random);
		addSometimes(flags, PupilFlag.LOOKED_AFTER, 1, random);
		addSometimes(flags, PupilFlag.PREVIOUSLY_LOOKED_AFTER, 1, random);
		if (flags.contains(PupilFlag.EHCP)) {
			flags.remove(PupilFlag.SEN_SUPPORT);
		}
		if (flags.contains(PupilFlag.LOOKED_AFTER)) {
			flags.remove(PupilFlag.PREVIOUSLY_LOOKED_AFTER);
		}
		return flags;
	}

	private static void addSometimes(Set<PupilFlag> flags, PupilFlag flag, int percent, Random random) {
		if (random.nextInt(100) < percent) {
			flags.add(flag);
		}
	}

	/**
	 * A fictional local authority (999) and establishment (2001), the year the child
	 * started school, and a serial.
	 */
	private static String upn(int yearAllocated, int serial) {
		String body = "999" + "2001" + String.format("%02d", yearAllocated % 100) + String.format("%03d", serial);
		return Upn.checkLetter(body) + body;
	}

	static String signInText() {
		StringBuilder text = new StringBuilder();
		text.append(System.lineSeparator())
			.append(System.lineSeparator())
			.append("Oakfield Primary School (demo) is ready. Sign in with any of:")
			.append(System.lineSeparator());
		for (DemoSignIn signIn : SIGN_INS) {
			text.append(String.format("  %-28s %s%n", signIn.email(),
					String.join(", ", signIn.roles().stream().map(Role::name).toList())));
		}
		text.append("Demo password: ").append(PASSWORD).append(System.lineSeparator());
		text.append("Demo TOTP secret: ").append(TOTP_SECRET).append(System.lineSeparator());
		return text.toString();
	}

	record DemoClass(YearGroup year, String name) {
	}

	record DemoSignIn(String email, String name, String jobTitle, Set<Role> roles) {
	}

}
