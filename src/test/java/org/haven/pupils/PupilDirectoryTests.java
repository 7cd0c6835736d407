package org.haven.pupils;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.system.NotFound;
import org.haven.HavenTest;
import org.haven.TestSchools;
import org.haven.accounts.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@HavenTest
@WithMockUser(roles = "ADMIN")
class PupilDirectoryTests {

	@Autowired
	PupilDirectory directory;

	@Autowired
	TestSchools testSchools;

	@Autowired
	JdbcTemplate jdbc;

	UUID school;

	@BeforeEach
	void school() {
		this.school = this.testSchools.school("Directory test school");
	}

	@Test
	void searchIgnoresAccentsCaseAndFindsPartOfAnyName() {
		UUID zoe = enrol("Zoë", "Brontë", "Zed", YearGroup.YEAR_3, "Birch");
		enrol("Adam", "Smith", null, YearGroup.YEAR_3, "Birch");

		assertThat(names(search("zoe bronte"))).containsExactly(zoe);
		assertThat(names(search("RONT"))).containsExactly(zoe);
		assertThat(names(search("zed"))).as("preferred name").containsExactly(zoe);
		assertThat(names(search("bront zo"))).as("every word, in any order").containsExactly(zoe);
		assertThat(names(search("%"))).as("LIKE wildcards are text").isEmpty();
	}

	@Test
	void searchFindsAPupilByTheStartOfTheirUpn() {
		UUID pupil = enrol("Upn", "Search", null, YearGroup.YEAR_1, null);
		String upn = this.directory.find(this.school, pupil).orElseThrow().upn();
		assertThat(names(search(upn.substring(0, 8).toLowerCase()))).containsExactly(pupil);
	}

	@Test
	void searchFiltersByYearClassAndFlag() {
		UUID flagged = enrol("Flagged", "Child", null, YearGroup.YEAR_4, "Maple", PupilFlag.YOUNG_CARER);
		UUID maple = enrol("Other", "Child", null, YearGroup.YEAR_4, "Maple");
		enrol("Older", "Child", null, YearGroup.YEAR_6, "Oak");

		assertThat(names(query(null, YearGroup.YEAR_4, null, null))).containsExactlyInAnyOrder(flagged, maple);
		assertThat(names(query(null, null, "maple", null))).containsExactlyInAnyOrder(flagged, maple);
		assertThat(names(query(null, null, null, PupilFlag.YOUNG_CARER))).containsExactly(flagged);
		assertThat(this.directory.classes(this.school)).containsExactly("Maple", "Oak");
	}

	@Test
	void searchPagesAndSorts() {
		for (int i = 0; i < 7; i++) {
			enrol("Child" + i, "Surname" + (char) ('G' - i), null,
					(i % 2 == 0) ? YearGroup.YEAR_2 : YearGroup.RECEPTION, null);
		}
		PupilPage first = this.directory.search(this.school,
				new PupilQuery(null, null, null, null, false, PupilQuery.Sort.NAME, 1, 3));
		PupilPage last = this.directory.search(this.school,
				new PupilQuery(null, null, null, null, false, PupilQuery.Sort.NAME, 3, 3));
		assertThat(first.total()).isEqualTo(7);
		assertThat(first.totalPages()).isEqualTo(3);
		assertThat(first.pupils()).extracting(PupilSummary::legalSurname)
			.containsExactly("SurnameA", "SurnameB", "SurnameC");
		assertThat(last.pupils()).extracting(PupilSummary::legalSurname).containsExactly("SurnameG");

		PupilPage byYear = this.directory.search(this.school,
				new PupilQuery(null, null, null, null, false, PupilQuery.Sort.YEAR_GROUP, 1, 10));
		assertThat(byYear.pupils()).extracting(PupilSummary::yearGroup)
			.containsExactly(YearGroup.RECEPTION, YearGroup.RECEPTION, YearGroup.RECEPTION, YearGroup.YEAR_2,
					YearGroup.YEAR_2, YearGroup.YEAR_2, YearGroup.YEAR_2);
	}

	@Test
	void searchSeesOnlyItsOwnSchool() {
		UUID elsewhere = this.testSchools.school("Another school");
		TestSchools.asOffice(() -> this.testSchools.pupil(elsewhere, "Hidden", "Elsewhere", YearGroup.YEAR_1, null));
		assertThat(search("hidden elsewhere").total()).isZero();
	}

	@Test
	void enrolmentIsAuditedInTheSameTransaction() {
		UUID pupil = enrol("Audited", "Enrolment", null, YearGroup.YEAR_2, null);
		assertThat(this.jdbc.queryForList("select action from audit_event where target_id = ?", String.class, pupil))
			.containsExactly("PUPIL_ENROLLED");
	}

	@Test
	void enrolmentRefusesABadCheckLetterAndADuplicateUpn() {
		String upn = TestSchools.uniqueUpn();
		char wrong = (upn.charAt(0) == 'A') ? 'B' : 'A';
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.directory.enrol(this.school, pupil(wrong + upn.substring(1))));
		this.directory.enrol(this.school, pupil(upn));
		assertThatExceptionOfType(DuplicateUpnException.class)
			.isThrownBy(() -> this.directory.enrol(this.school, pupil(upn)));
		assertThat(this.jdbc.queryForObject("select count(*) from pupil where upn = ?", Integer.class, upn)).isOne();
	}

	@Test
	void aUpnIsUniqueWithinASchoolNotAcrossHaven() {
		String upn = TestSchools.uniqueUpn();
		UUID elsewhere = this.testSchools.school("Previous school");
		UUID there = TestSchools.asOffice(() -> this.directory.enrol(elsewhere, pupil(upn)));
		UUID here = this.directory.enrol(this.school, pupil(upn));
		assertThat(here).isNotEqualTo(there);
		assertThat(this.jdbc.queryForList("select school_id from pupil where upn = ?", UUID.class, upn))
			.containsExactlyInAnyOrder(this.school, elsewhere);
		assertThatExceptionOfType(DuplicateUpnException.class)
			.isThrownBy(() -> this.directory.enrol(this.school, pupil(upn)));
	}

	@Test
	void changesAreAuditedFieldByFieldAndNoChangeWritesNothing() {
		UUID id = enrol("Before", "Change", null, YearGroup.YEAR_3, "Birch", PupilFlag.SEN_SUPPORT);
		PupilDetails before = this.directory.find(this.school, id).orElseThrow();
		List<String> changed = this.directory.update(this.school, id,
				new PupilChanges("After", "Change", null, null, before.dateOfBirth(), before.gender(), YearGroup.YEAR_4,
						"Maple", before.enrolledOn(), Set.of(PupilFlag.EHCP)));
		assertThat(changed).containsExactly("Legal forename: Before → After", "Year group: Year 3 → Year 4",
				"Class: Birch → Maple", "Flags added: Education, health and care plan", "Flags removed: SEN support");
		PupilDetails after = this.directory.find(this.school, id).orElseThrow();
		assertThat(after.flags()).containsExactly(PupilFlag.EHCP);
		assertThat(after.yearGroup()).isEqualTo(YearGroup.YEAR_4);

		List<String> unchanged = this.directory.update(this.school, id,
				new PupilChanges("After", "Change", null, null, after.dateOfBirth(), after.gender(), YearGroup.YEAR_4,
						"Maple", after.enrolledOn(), Set.of(PupilFlag.EHCP)));
		assertThat(unchanged).isEmpty();
		assertThat(this.jdbc.queryForList(
				"select details from audit_event where target_id = ? and action = 'PUPIL_UPDATED'", String.class, id))
			.singleElement()
			.asString()
			.contains("Year group: Year 3 → Year 4");
	}

	@Test
	void aLeaverKeepsEverythingButLeavesSearchesOfPupilsOnRoll() {
		UUID id = enrol("Leaving", "Pupil", null, YearGroup.YEAR_6, "Oak", PupilFlag.LOOKED_AFTER);
		this.directory.markLeft(this.school, id, new Leaving(LocalDate.now(), "Oakfield Academy", "123456"));

		assertThat(names(search("leaving pupil"))).isEmpty();
		PupilPage withLeavers = this.directory.search(this.school,
				new PupilQuery("leaving pupil", null, null, null, true, null, 1, 25));
		assertThat(names(withLeavers)).containsExactly(id);
		PupilDetails leaver = this.directory.find(this.school, id).orElseThrow();
		assertThat(leaver.onRoll()).isFalse();
		assertThat(leaver.flags()).containsExactly(PupilFlag.LOOKED_AFTER);
		assertThat(leaver.destinationSchoolName()).isEqualTo("Oakfield Academy");
		assertThat(this.jdbc.queryForList("select action from audit_event where target_id = ? order by occurred_at",
				String.class, id))
			// Leaving for a named school opens the transfer of the child's file (issue
			// 17).
			.containsExactly("PUPIL_ENROLLED", "PUPIL_LEFT", "TRANSFER_OPENED");
	}

	@Test
	void anotherSchoolsPupilCannotBeFoundOrChanged() {
		UUID elsewhere = this.testSchools.school("Someone else's school");
		UUID theirs = this.testSchools.pupil(elsewhere, "Not", "Yours", YearGroup.YEAR_1, null);
		assertThat(this.directory.find(this.school, theirs)).isEmpty();
		assertThatExceptionOfType(NotFound.class)
			.isThrownBy(() -> this.directory.markLeft(this.school, theirs, new Leaving(LocalDate.now(), null, null)));
	}

	@Test
	@WithMockUser(roles = "STAFF")
	void anyMemberOfStaffCanChooseAPupilOnRollAndSeesNothingMore() {
		UUID onRoll = TestSchools.asOffice(
				() -> enrol("Ana", "Müller", "Annie", YearGroup.YEAR_4, "Maple", PupilFlag.CHILD_PROTECTION_PLAN));
		UUID leaver = TestSchools.asOffice(() -> enrol("Ann", "Mueller", null, YearGroup.YEAR_6, "Oak"));
		TestSchools.asOffice(() -> {
			this.directory.markLeft(this.school, leaver, new Leaving(LocalDate.now(), null, null));
			return null;
		});

		List<PupilChoice> choices = this.directory.choose(this.school, "mull", 10);
		assertThat(choices).extracting(PupilChoice::id).containsExactly(onRoll);
		assertThat(choices.get(0))
			.isEqualTo(new PupilChoice(onRoll, "Ana Müller", "Annie Müller", YearGroup.YEAR_4, "Maple"));
		assertThat(this.directory.choose(this.school, "annie", 10)).extracting(PupilChoice::id).containsExactly(onRoll);
		assertThat(this.directory.choose(this.school, "a", 10)).as("too short to search").isEmpty();
		assertThatExceptionOfType(AuthorizationDeniedException.class).as("the directory itself stays closed")
			.isThrownBy(() -> search("mull"));
	}

	@Test
	@WithMockUser(roles = { "STAFF", "SAFEGUARDING_TEAM", "GOVERNOR" })
	void onlyTheDslTeamAndTheOfficeMayUseTheDirectory() {
		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(() -> search("anyone"));
		assertThatExceptionOfType(AuthorizationDeniedException.class)
			.isThrownBy(() -> this.directory.enrol(this.school, pupil(TestSchools.uniqueUpn())));
	}

	@Test
	void theOfficeCannotSetClearSeeOrSearchBySafeguardingFlags() {
		UUID id = this.testSchools.pupil(this.school, "Planned", "Child", YearGroup.YEAR_2, "Ash",
				PupilFlag.CHILD_PROTECTION_PLAN, PupilFlag.SEN_SUPPORT);
		UUID other = enrol("Other", "Child", null, YearGroup.YEAR_2, "Ash", PupilFlag.CHILD_IN_NEED, PupilFlag.EAL);
		PupilDetails seen = this.directory.find(this.school, id).orElseThrow();
		assertThat(seen.flags()).containsExactly(PupilFlag.SEN_SUPPORT);
		assertThat(storedFlags(other)).as("a forged enrolment sets no safeguarding flag").containsExactly("EAL");

		this.directory.update(this.school, id,
				new PupilChanges(seen.legalForename(), seen.legalSurname(), null, null, seen.dateOfBirth(),
						seen.gender(), seen.yearGroup(), seen.className(), seen.enrolledOn(),
						Set.of(PupilFlag.EHCP, PupilFlag.CHILD_IN_NEED)));
		assertThat(storedFlags(id)).containsExactlyInAnyOrder("CHILD_PROTECTION_PLAN", "EHCP");

		assertThat(names(query(null, null, "ash", PupilFlag.CHILD_PROTECTION_PLAN)))
			.as("a safeguarding filter is not applied for the office")
			.containsExactlyInAnyOrder(id, other);
		assertThat(query(null, null, "ash", null).pupils())
			.allSatisfy((pupil) -> assertThat(pupil.flags()).doesNotContain(PupilFlag.CHILD_PROTECTION_PLAN));
		assertThat(this.directory.rollSummary(this.school).with(PupilFlag.CHILD_PROTECTION_PLAN)).isZero();
	}

	@Test
	void theDslTeamAloneSeesTheSafeguardingFlagsOfTheChildARecordIsAbout() {
		UUID id = this.testSchools.pupil(this.school, "Recorded", "Child", YearGroup.YEAR_2, null, PupilFlag.EARLY_HELP,
				PupilFlag.MEDICAL);
		assertThat(TestSchools.as(this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DSL)),
				() -> this.directory.subjectOfRecord(this.school, id).orElseThrow().flags()))
			.containsExactlyInAnyOrder(PupilFlag.EARLY_HELP, PupilFlag.MEDICAL);
		assertThat(TestSchools.as(
				this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.SAFEGUARDING_TEAM)),
				() -> this.directory.subjectOfRecord(this.school, id).orElseThrow().flags()))
			.containsExactly(PupilFlag.MEDICAL);
		assertThat(
				TestSchools.as(this.testSchools.user(this.testSchools.member(this.school, Role.STAFF, Role.DEPUTY_DSL)),
						() -> this.directory.rollSummary(this.school).with(PupilFlag.EARLY_HELP)))
			.isEqualTo(1);
	}

	private List<String> storedFlags(UUID pupil) {
		return this.jdbc.queryForList("select flag from pupil_flag where pupil_id = ?", String.class, pupil);
	}

	private UUID enrol(String forename, String surname, String preferred, YearGroup year, String className,
			PupilFlag... flags) {
		return this.directory.enrol(this.school,
				new NewPupil(TestSchools.uniqueUpn(), forename, surname, preferred, null, LocalDate.of(2018, 5, 1),
						Gender.FEMALE, year, className, LocalDate.of(2022, 9, 5), Set.of(flags)));
	}

	private NewPupil pupil(String upn) {
		return new NewPupil(upn, "Ada", "Lovelace", null, null, LocalDate.of(2018, 5, 1), Gender.FEMALE,
				YearGroup.YEAR_3, null, LocalDate.of(2022, 9, 5), Set.of());
	}

	private PupilPage search(String text) {
		return query(text, null, null, null);
	}

	private PupilPage query(String text, YearGroup year, String className, PupilFlag flag) {
		return this.directory.search(this.school, new PupilQuery(text, year, className, flag, false, null, 1, 25));
	}

	private static List<UUID> names(PupilPage page) {
		return page.pupils().stream().map(PupilSummary::id).toList();
	}

}
