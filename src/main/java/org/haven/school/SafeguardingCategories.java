package org.haven.school;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.system.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The categories that tag concerns. The DSL adds, renames, describes, restricts and
 * retires them; a category is never deleted, because concerns keep the categories they
 * were logged with.
 */
@Service
public class SafeguardingCategories {

	private static final String COLUMNS = "id, code, name, group_name, description, restricted, active";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	SafeguardingCategories(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * @return every category, active first, in the DSL's order
	 */
	@Transactional(readOnly = true)
	public List<Category> all() {
		return this.jdbc.sql("select " + COLUMNS + " from category order by active desc, sort_order, name")
			.query(SafeguardingCategories::category)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Category> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from category where id = ?")
			.param(id)
			.query(SafeguardingCategories::category)
			.optional();
	}

	/**
	 * @throws IllegalArgumentException if a category already has the name
	 */
	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public UUID add(String name, String groupName, String description, boolean restricted) {
		requireUniqueName(name, null);
		UUID id = UUID.randomUUID();
		String code = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		code = (code.isEmpty() ? "category" : code.substring(0, Math.min(code.length(), 50))) + "-"
				+ id.toString().substring(0, 8);
		this.jdbc
			.sql("insert into category (id, code, name, group_name, description, restricted, sort_order) "
					+ "values (?, ?, ?, ?, ?, ?, (select coalesce(max(sort_order), 0) + 10 from category))")
			.params(id, code, name, groupName, description, restricted)
			.update();
		this.audit.record("CATEGORY_ADDED", "category", id, name + (restricted ? " (restricted)" : ""));
		return id;
	}

	/**
	 * @throws IllegalArgumentException if another category already has the name
	 */
	@Transactional
	@PreAuthorize("hasRole('DSL')")
	public void change(UUID id, String name, String groupName, String description, boolean restricted, boolean active) {
		Category before = find(id).orElseThrow(NotFound::new);
		requireUniqueName(name, id);
		this.jdbc
			.sql("update category set name = ?, group_name = ?, description = ?, restricted = ?, active = ? "
					+ "where id = ?")
			.params(name, groupName, description, restricted, active, id)
			.update();
		StringBuilder changed = new StringBuilder();
		if (!before.name().equals(name)) {
			changed.append("Renamed from ").append(before.name()).append(" to ").append(name).append('\n');
		}
		if (before.restricted() != restricted) {
			changed.append(restricted ? "Now restricted to the DSL\n" : "No longer restricted\n");
		}
		if (before.active() != active) {
			changed.append(active ? "Restored\n" : "Retired\n");
		}
		if (!Objects.equals(before.description(), description) || !before.groupName().equals(groupName)) {
			changed.append("Description or group changed\n");
		}
		if (!changed.isEmpty()) {
			this.audit.record("CATEGORY_CHANGED", "category", id, changed.toString().strip());
		}
	}

	private void requireUniqueName(String name, UUID except) {
		boolean taken = this.jdbc.sql("select count(*) from category where lower(name) = lower(?) and id <> ?")
			.params(name, (except != null) ? except : new UUID(0, 0))
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new IllegalArgumentException("A category with this name already exists");
		}
	}

	private static Category category(ResultSet row, int number) throws SQLException {
		return new Category(row.getObject("id", UUID.class), row.getString("code"), row.getString("name"),
				row.getString("group_name"), row.getString("description"), row.getBoolean("restricted"),
				row.getBoolean("active"));
	}

}
