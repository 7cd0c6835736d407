package org.haven.demo;

import java.util.List;
import java.util.Map;

import org.haven.HavenTest;
import org.haven.pupils.Upn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

@HavenTest
class DemoSchoolTests {

	/** Other tests add schools of their own; these tests look at Oakfield alone. */
	private static final String OAKFIELD = " where school_id = (select id from school where name = 'Oakfield Primary School')";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DemoSchool demoSchool;

	@Test
	void seedsOakfieldWithAboutTwoHundredPupilsFromReceptionToYearSix() {
		assertThat(this.jdbc.queryForList("select name from school", String.class)).contains("Oakfield Primary School");
		Integer pupils = this.jdbc.queryForObject("select count(*) from pupil" + OAKFIELD, Integer.class);
		assertThat(pupils).isBetween(180, 220);
		assertThat(this.jdbc.queryForList("select distinct year_group from pupil" + OAKFIELD, String.class))
			.containsExactlyInAnyOrder("R", "1", "2", "3", "4", "5", "6");
		assertThat(this.jdbc.queryForList("select upn from pupil" + OAKFIELD, String.class)).allMatch(Upn::isValid);
	}

	@Test
	void flagsAreSpreadRealistically() {
		Map<String, Integer> flagged = new java.util.HashMap<>();
		this.jdbc.query(
				"select flag, count(*) from pupil_flag where pupil_id in (select id from pupil" + OAKFIELD
						+ ") group by flag",
				(RowCallbackHandler) (row) -> flagged.put(row.getString(1), row.getInt(2)));
		assertThat(flagged).containsKeys("PUPIL_PREMIUM", "SEN_SUPPORT", "EAL", "CHILD_PROTECTION_PLAN",
				"LOOKED_AFTER");
		assertThat(flagged.get("PUPIL_PREMIUM")).isGreaterThan(flagged.get("CHILD_PROTECTION_PLAN"));
		assertThat(
				this.jdbc.queryForObject(
						"select count(*) from pupil_flag a join pupil_flag b "
								+ "on a.pupil_id = b.pupil_id where a.flag = 'EHCP' and b.flag = 'SEN_SUPPORT'",
						Integer.class))
			.isZero();
	}

	@Test
	void seedsStaffInEveryRoleWithTheStableDemoSignIns() {
		for (DemoSchool.DemoSignIn signIn : DemoSchool.SIGN_INS) {
			List<String> roles = this.jdbc.queryForList(
					"select r.role from staff_role r join staff_account s on s.id = r.staff_id where s.email = ?",
					String.class, signIn.email());
			assertThat(roles).as(signIn.email())
				.containsExactlyInAnyOrderElementsOf(signIn.roles().stream().map(Enum::name).toList());
		}
		assertThat(this.jdbc.queryForObject("select count(*) from staff_account" + OAKFIELD, Integer.class))
			.isGreaterThanOrEqualTo(25);
		assertThat(this.jdbc.queryForObject("select count(distinct s.id) from staff_account s "
				+ "join staff_role r on r.staff_id = s.id where r.role = 'DEPUTY_DSL' and s.school_id = "
				+ "(select id from school where name = 'Oakfield Primary School')", Integer.class))
			.isEqualTo(2);
	}

	@Test
	void neverSeedsWhereASchoolExists() {
		Integer pupils = this.jdbc.queryForObject("select count(*) from pupil", Integer.class);
		Integer schools = this.jdbc.queryForObject("select count(*) from school", Integer.class);
		this.demoSchool.run(null);
		assertThat(this.jdbc.queryForObject("select count(*) from pupil", Integer.class)).isEqualTo(pupils);
		assertThat(this.jdbc.queryForObject("select count(*) from school", Integer.class)).isEqualTo(schools);
	}

	@Test
	void signInTextPutsTheDemoPasswordOnALineOfItsOwn() {
		assertThat(DemoSchool.signInText().lines()).contains("Demo password: " + DemoSchool.PASSWORD)
			.anySatisfy((line) -> assertThat(line).contains("dsl@oakfield.example"));
	}

}
