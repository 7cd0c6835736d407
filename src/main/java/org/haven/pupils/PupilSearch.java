package org.haven.pupils;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The directory's two searches by name: the directory page's (names, UPN, year, class,
 * open flags) and the concern form's picker (pupils on roll, just enough to choose the
 * right child). Accents and case are ignored, served by the trigram index of V6.
 * {@link PupilDirectory} decides who may search; this only reads.
 */
@Component
class PupilSearch {

	private static final String YEAR_ORDER = "array_position(array['N1','N2','R','1','2','3','4','5','6','7','8','9',"
			+ "'10','11','12','13','14'], p.year_group)";

	private final JdbcClient jdbc;

	PupilSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	PupilPage search(UUID schoolId, PupilQuery query) {
		StringBuilder where = new StringBuilder(" where p.school_id = :school");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("school", schoolId);
		if (!query.includeLeft()) {
			where.append(" and p.status = 'ON_ROLL'");
		}
		if (query.text() != null) {
			where.append(" and ((").append(nameMatches(query.text(), params)).append(")");
			if (query.text().matches("[A-Za-z][0-9A-Za-z]{3,12}")) {
				where.append(" or p.upn like :upn");
				params.put("upn", escapeLike(query.text().toUpperCase()) + "%");
			}
			where.append(")");
		}
		if (query.yearGroup() != null) {
			where.append(" and p.year_group = :year");
			params.put("year", query.yearGroup().code());
		}
		if (query.className() != null) {
			where.append(" and lower(p.class_name) = lower(:className)");
			params.put("className", query.className());
		}
		// Filtering by a flag one may not see would reveal who carries it: such a filter
		// is not applied.
		if (query.flag() != null && SafeguardingFlags.open().contains(query.flag())) {
			where.append(" and exists (select 1 from pupil_flag f where f.pupil_id = p.id and f.flag = :flag)");
			params.put("flag", query.flag().name());
		}
		String order = (query.sort() == PupilQuery.Sort.YEAR_GROUP)
				? YEAR_ORDER + ", lower(p.legal_surname), lower(p.legal_forename), p.id"
				: "lower(p.legal_surname), lower(p.legal_forename), " + YEAR_ORDER + ", p.id";
		List<PupilSummary> rows = this.jdbc.sql("""
				select p.id, p.upn, p.legal_forename, p.legal_surname, p.preferred_forename, p.date_of_birth,
				p.year_group, p.class_name, p.status,
				(select string_agg(f.flag, ',') from pupil_flag f where f.pupil_id = p.id) as flags
				from pupil p""" + where + " order by " + order + " limit :limit offset :offset")
			.params(params)
			.param("limit", query.size())
			.param("offset", (long) (query.page() - 1) * query.size())
			.query(PupilSearch::summary)
			.list();
		long total = this.jdbc.sql("select count(*) from pupil p" + where).params(params).query(Long.class).single();
		return new PupilPage(rows, query.page(), query.size(), total);
	}

	List<PupilChoice> choose(UUID schoolId, String text, int limit) {
		if (text == null || text.strip().length() < 2) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder("""
				select p.id, p.legal_forename || ' ' || p.legal_surname as legal_name,
				nullif(p.display_name, p.legal_forename || ' ' || p.legal_surname) as preferred_name, p.year_group,
				p.class_name from pupil p where p.school_id = :school and p.status = 'ON_ROLL'""");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("school", schoolId);
		sql.append(" and ")
			.append(nameMatches(text, params))
			.append(" order by lower(p.legal_surname), lower(p.legal_forename), p.id limit :limit");
		return this.jdbc.sql(sql.toString())
			.params(params)
			.param("limit", Math.min(Math.max(limit, 1), 50))
			.query((row, number) -> new PupilChoice(row.getObject("id", UUID.class), row.getString("legal_name"),
					row.getString("preferred_name"), YearGroup.ofCode(row.getString("year_group")).orElseThrow(),
					row.getString("class_name")))
			.list();
	}

	private static PupilSummary summary(ResultSet row, int number) throws SQLException {
		Set<PupilFlag> flags = EnumSet.noneOf(PupilFlag.class);
		String flagList = row.getString("flags");
		if (flagList != null) {
			Arrays.stream(flagList.split(",")).map(PupilFlag::valueOf).forEach(flags::add);
		}
		return new PupilSummary(row.getObject("id", UUID.class), row.getString("upn"), row.getString("legal_forename"),
				row.getString("legal_surname"), row.getString("preferred_forename"),
				row.getObject("date_of_birth", LocalDate.class),
				YearGroup.ofCode(row.getString("year_group")).orElseThrow(), row.getString("class_name"),
				"ON_ROLL".equals(row.getString("status")), SafeguardingFlags.visible(flags));
	}

	/**
	 * Every word typed must appear in some name, in any order, accents and case ignored.
	 * @return the condition, its parameters added to {@code params}
	 */
	private static String nameMatches(String text, Map<String, Object> params) {
		List<String> terms = Arrays.stream(text.strip().split("\\s+")).limit(5).toList();
		List<String> matches = new ArrayList<>();
		for (int i = 0; i < terms.size(); i++) {
			matches.add("p.search_name like '%' || haven_fold(:term" + i + ") || '%'");
			params.put("term" + i, escapeLike(terms.get(i)));
		}
		return String.join(" and ", matches);
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
