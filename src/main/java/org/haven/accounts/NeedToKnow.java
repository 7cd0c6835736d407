package org.haven.accounts;

import java.util.Set;
import java.util.UUID;

import org.haven.school.Category;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Need to know (DESIGN.md §1, §3.3), said once. Every reader of safeguarding records (the
 * chronology, search, the dashboard and its counts, actions, the concern page, and
 * whatever reads them later: reports, exports) asks this class who may see what, so that
 * a change to the rule is made here and holds everywhere.
 * <ul>
 * <li>The DSL sees everything.</li>
 * <li>A deputy sees every chronology entry, but one that is DSL-only (marked so, or in a
 * restricted category) only as "a restricted entry exists"; and every concern and action
 * except those of a concern in a restricted category.</li>
 * <li>A member of the safeguarding team sees the entries tied to a category granted to
 * them that are not DSL-only, and the concerns filed under a category granted to
 * them.</li>
 * <li>Anyone else sees none of these (the author of a concern and the owner of an action
 * see their own, which the module that owns them decides).</li>
 * </ul>
 * The SQL fragments read the named parameters {@link #parameters(HavenUser)} sets
 * ({@code :viewer}, {@code :dsl}, {@code :deputy}, {@code :team}); what they need of the
 * school's categories and the concerns' categories they ask through the functions of V25
 * ({@code restricted_among}, {@code concern_category_ids}).
 */
public final class NeedToKnow {

	private NeedToKnow() {
	}

	/** The categories granted to the viewer, as a member of the safeguarding team. */
	private static final String GRANTED = "array(select g.category_id from staff_category_grant g"
			+ " where g.staff_id = :viewer)";

	/**
	 * @param entry the alias of a {@code chronology_entry} row
	 * @return whether the entry is for the DSL alone: marked so, or in a restricted
	 * category
	 */
	public static String dslOnlyEntry(String entry) {
		return "(" + entry + ".restricted or restricted_among(" + entry + ".category_ids))";
	}

	/**
	 * @param entry the alias of a {@code chronology_entry} row
	 * @return whether the viewer may see the entry, or (a deputy, an entry that is
	 * DSL-only) know that it exists: combine with {@link #dslOnlyEntry(String)} to leave
	 * out what they may only know exists
	 */
	public static String visibleEntry(String entry) {
		return "(:dsl or :deputy or (:team and " + entry + ".category_ids && " + GRANTED + " and not "
				+ dslOnlyEntry(entry) + "))";
	}

	/**
	 * @param concernId an SQL expression for a concern's id
	 * @return whether the concern is filed under a restricted category (DSL only)
	 */
	public static String restrictedConcern(String concernId) {
		return "restricted_among(concern_category_ids(" + concernId + "))";
	}

	/**
	 * What the DSL and deputies see of concerns and the actions that arise from them: the
	 * DSL every one, a deputy those not in a restricted category. (A {@code null}
	 * concern, an action about no concern, is not restricted.)
	 * @param concernId an SQL expression for a concern's id
	 * @return whether the viewer may see the concern as the DSL or a deputy
	 */
	public static String concernForTheDslTeam(String concernId) {
		return "(:dsl or (:deputy and not " + restrictedConcern(concernId) + "))";
	}

	/**
	 * @param concernId an SQL expression for a concern's id
	 * @return whether the viewer may read the concern as one of the DSL team: as
	 * {@link #concernForTheDslTeam(String)}, or as a member of the safeguarding team when
	 * it is filed under a category granted to them
	 */
	public static String concern(String concernId) {
		return concernFiledUnder("concern_category_ids(" + concernId + ")");
	}

	/**
	 * The same rule as {@link #concern(String)}, judged on the set of categories a
	 * concern is filed under: for counts kept by that set (the reports' tally), whose
	 * concerns are each counted exactly when the viewer may read them.
	 * @param categoryIds an SQL expression for the sorted array of a concern's category
	 * ids
	 * @return whether the viewer may read a concern filed under exactly those categories
	 */
	public static String concernFiledUnder(String categoryIds) {
		// The restricted categories read once a statement (a sub-select PostgreSQL runs
		// once), not once a set: a report judges up to 120,000 concerns' sets. The same
		// rule as restricted_among: a set holds a restricted category.
		return "(:dsl or (:deputy and not (" + categoryIds + " && (select restricted_categories()))) or (:team and "
				+ categoryIds + " && " + GRANTED + "))";
	}

	/**
	 * Who is told that a concern awaits them, and keeps the alert while their access
	 * lasts: the DSL, the deputies (who learn that a concern in a restricted category
	 * exists, as they learn that a restricted entry exists, without opening it), and a
	 * member of the safeguarding team granted one of its categories. The recipients
	 * chosen when it is logged ({@link StaffAccounts#alertRecipients}) are the same
	 * people.
	 * @param concernId an SQL expression for a concern's id
	 * @return whether the viewer is alerted to the concern
	 */
	public static String alerted(String concernId) {
		return "(:dsl or :deputy or (:team and concern_category_ids(" + concernId + ") && " + GRANTED + "))";
	}

	/**
	 * Concerns about adults (KCSIE Part 4): a case is read by its case manager alone (the
	 * headteacher, or the chair of governors when it is about the headteacher, said once
	 * by the function {@code case_manager} of the allegations migration), and never by
	 * the adult it is about, whatever roles they hold, and by those the case manager adds
	 * on a need-to-know basis (function {@code case_member}) until they are removed. The
	 * DSL team has no part in it: a DSL may be the subject.
	 * @param allegation the alias of an {@code allegation} row
	 * @return whether the viewer may see the case, or know that it exists
	 */
	public static String caseManaged(String allegation) {
		return "(" + allegation + ".school_id = :school and " + allegation
				+ ".subject_staff_id is distinct from :viewer and (" + caseManagerIsViewer(allegation)
				+ " or case_member(" + allegation + ".id, :viewer)))";
	}

	/**
	 * @param allegation the alias of an {@code allegation} row
	 * @return whether the viewer is the case's manager (who alone adds others to it)
	 */
	public static String caseManagerIsViewer(String allegation) {
		return "(case_manager(" + allegation + ".school_id, " + allegation + ".subject_staff_id, " + allegation
				+ ".about_headteacher) = :viewer)";
	}

	/**
	 * A child's chronology shows the DSL team that a concern about an adult was raised
	 * (never who it is about); but while the adult is in the DSL team (the DSL or a
	 * deputy), that entry would tell them, so it is held back, seen by the case manager
	 * on the case alone, and written to the chronology when the case closes.
	 * @param allegation the alias of an {@code allegation} row
	 * @return whether the adult the case is about is in the DSL team now
	 */
	public static String subjectInDslTeam(String allegation) {
		return "exists (select 1 from staff_role r where r.staff_id = " + allegation
				+ ".subject_staff_id and r.role in ('DSL', 'DEPUTY_DSL'))";
	}

	/**
	 * @param allegation the alias of an {@code allegation} row
	 * @return whether the case has a case manager (the school may have named nobody yet)
	 */
	public static String caseRouted(String allegation) {
		return "(case_manager(" + allegation + ".school_id, " + allegation + ".subject_staff_id, " + allegation
				+ ".about_headteacher) is not null)";
	}

	/**
	 * The same rule, in SQL, for who is told of a new case.
	 * @return a query of one column (the case manager's id, or null) reading the
	 * parameters school, subject and aboutHeadteacher
	 */
	public static String caseManagerOf() {
		return "select case_manager(:school, :subject, :aboutHeadteacher)";
	}

	/**
	 * @return the named parameters the fragments read, for this viewer
	 */
	public static MapSqlParameterSource parameters(HavenUser viewer) {
		return addViewer(new MapSqlParameterSource(), viewer);
	}

	/**
	 * Adds the named parameters the fragments read to a query's own.
	 * @return the same parameters
	 */
	public static <P extends MapSqlParameterSource> P addViewer(P parameters, HavenUser viewer) {
		parameters.addValue("viewer", viewer.id());
		parameters.addValue("school", viewer.schoolId());
		parameters.addValue("dsl", viewer.has(Role.DSL));
		parameters.addValue("deputy", viewer.has(Role.DEPUTY_DSL));
		parameters.addValue("team", viewer.has(Role.SAFEGUARDING_TEAM));
		return parameters;
	}

	/**
	 * The same rule for one category, in Java: whether the person reads in full (and so
	 * may tie an entry to) what is filed under it. The DSL every category, a deputy any
	 * that is not restricted, a member of the safeguarding team those granted to them
	 * that are not restricted.
	 * @param person who asks
	 * @param granted the categories granted to them
	 * ({@link AccessLevels#grantedCategories})
	 * @param category the category
	 * @return whether they read it in full
	 */
	public static boolean readsInFull(HavenUser person, Set<UUID> granted, Category category) {
		if (person.has(Role.DSL)) {
			return true;
		}
		if (category.restricted()) {
			return false;
		}
		return person.has(Role.DEPUTY_DSL) || granted.contains(category.id());
	}

}
