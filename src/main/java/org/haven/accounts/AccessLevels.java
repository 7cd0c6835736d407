package org.haven.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.audit.AuditTrail;
import org.haven.school.Category;
import org.haven.school.SafeguardingCategories;
import org.haven.system.NotFound;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DSL's access levels (DESIGN.md §1): who holds which role, and the categories each
 * member of the safeguarding team may read. Only the DSL changes them; the change is
 * audited and takes effect on the holder's next request.
 */
@Service
public class AccessLevels {

	static final String DSL_ONLY = "hasRole('DSL')";

	/**
	 * Separates the lock on a role held by one person from Haven's other advisory locks.
	 */
	private static final int ONE_HOLDER_LOCK = 7311;

	private final StaffAccountRepository accounts;

	private final JdbcClient jdbc;

	private final SafeguardingCategories categories;

	private final AuditTrail audit;

	private final Clock clock;

	AccessLevels(StaffAccountRepository accounts, JdbcClient jdbc, SafeguardingCategories categories, AuditTrail audit,
			Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.categories = categories;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A member of staff's access.
	 *
	 * @param member the account
	 * @param categoryIds the categories granted to them, as a member of the safeguarding
	 * team
	 */
	public record Access(StaffListing member, Set<UUID> categoryIds) {
	}

	/**
	 * @return every account at the school with its categories, in three statements
	 */
	@Transactional(readOnly = true)
	@PreAuthorize(DSL_ONLY)
	public List<Access> list(UUID schoolId) {
		Map<UUID, Set<UUID>> grants = new HashMap<>();
		this.jdbc.sql("""
				select g.staff_id, g.category_id from staff_category_grant g
				join staff_account s on s.id = g.staff_id where s.school_id = ?""")
			.param(schoolId)
			.query((row, number) -> Map.entry(row.getObject(1, UUID.class), row.getObject(2, UUID.class)))
			.list()
			.forEach((grant) -> grants.computeIfAbsent(grant.getKey(), (key) -> new HashSet<>()).add(grant.getValue()));
		return this.accounts.findBySchoolWithRoles(schoolId)
			.stream()
			.map((account) -> new Access(account.toListing(), grants.getOrDefault(account.getId(), Set.of())))
			.toList();
	}

	@Transactional(readOnly = true)
	@PreAuthorize(DSL_ONLY)
	public Access find(UUID schoolId, UUID staffId) {
		StaffAccount account = load(schoolId, staffId);
		return new Access(account.toListing(), grantedCategories(staffId));
	}

	/**
	 * Sets a person's roles and, if they are in the safeguarding team, their categories.
	 * @return what changed, for the DSL and the audit trail
	 * @throws IllegalArgumentException if the change would leave nobody as DSL, or the
	 * person with no role
	 */
	@Transactional
	@PreAuthorize(DSL_ONLY)
	public List<String> change(UUID schoolId, UUID staffId, Set<Role> roles, Set<UUID> categoryIds) {
		StaffAccount account = load(schoolId, staffId);
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("Choose at least one role");
		}
		Set<Role> before = account.roles();
		if (before.contains(Role.DSL) && !roles.contains(Role.DSL) && account.isActive()
				&& this.accounts.countActiveDsls(schoolId) <= 1) {
			throw new IllegalArgumentException(
					"This is the school’s only DSL: make someone else DSL first, then remove this access");
		}
		if (roles.contains(Role.CHAIR_OF_GOVERNORS) && !roles.contains(Role.GOVERNOR)) {
			throw new IllegalArgumentException("The chair of governors must also be a governor");
		}
		for (Role role : roles) {
			if (role.heldByOne() && !before.contains(role)) {
				// One holder at a time, checked under a lock so that two changes at once
				// cannot both pass.
				this.jdbc.sql("select pg_advisory_xact_lock(?, hashtext(?))")
					.params(ONE_HOLDER_LOCK, schoolId + role.name())
					.query((row, number) -> 1)
					.list();
				this.jdbc.sql("""
						select s.name from staff_account s join staff_role r on r.staff_id = s.id
						where s.school_id = ? and r.role = ? and s.id <> ? and s.active""")
					.params(schoolId, role.name(), staffId)
					.query(String.class)
					.optional()
					.ifPresent((holder) -> {
						throw new IllegalArgumentException(holder + " is " + role.label().toLowerCase(Locale.ROOT)
								+ " on Haven: remove it from them first (one person holds it)");
					});
			}
		}
		Set<UUID> known = this.categories.all().stream().map(Category::id).collect(Collectors.toSet());
		if (!known.containsAll(categoryIds)) {
			throw new IllegalArgumentException("Choose categories from the list");
		}
		Set<UUID> granted = roles.contains(Role.SAFEGUARDING_TEAM) ? categoryIds : Set.of();
		Instant now = this.clock.instant();
		Set<Role> added = EnumSet.noneOf(Role.class);
		added.addAll(roles);
		added.removeAll(before);
		Set<Role> removed = EnumSet.copyOf(before.isEmpty() ? EnumSet.noneOf(Role.class) : before);
		removed.removeAll(roles);
		added.forEach((role) -> account.grant(role, now));
		removed.forEach(account::revoke);
		Set<UUID> previous = grantedCategories(staffId);
		this.jdbc.sql("delete from staff_category_grant where staff_id = ?").param(staffId).update();
		for (UUID category : granted) {
			this.jdbc.sql("insert into staff_category_grant (staff_id, category_id, granted_at) values (?, ?, ?)")
				.params(staffId, category, Timestamp.from(now))
				.update();
		}
		List<String> changed = new ArrayList<>();
		added.forEach((role) -> changed.add("Granted " + role.label()));
		removed.forEach((role) -> changed.add("Removed " + role.label()));
		if (!previous.equals(granted)) {
			changed.add("Safeguarding team categories: " + names(granted));
		}
		if (!changed.isEmpty()) {
			this.audit.record("ACCESS_LEVEL_CHANGED", "staff_account", staffId,
					account.getName() + "\n" + String.join("\n", changed));
		}
		return changed;
	}

	/**
	 * @return the categories granted to a member of the safeguarding team (empty for
	 * anyone else)
	 */
	@Transactional(readOnly = true)
	public Set<UUID> grantedCategories(UUID staffId) {
		return new HashSet<>(this.jdbc.sql("select category_id from staff_category_grant where staff_id = ?")
			.param(staffId)
			.query(UUID.class)
			.list());
	}

	private String names(Set<UUID> ids) {
		if (ids.isEmpty()) {
			return "none";
		}
		return this.categories.all()
			.stream()
			.filter((category) -> ids.contains(category.id()))
			.map(Category::name)
			.collect(Collectors.joining(", "));
	}

	private StaffAccount load(UUID schoolId, UUID staffId) {
		return this.accounts.findWithRoles(staffId)
			.filter((account) -> account.getSchoolId().equals(schoolId))
			.orElseThrow(NotFound::new);
	}

}
