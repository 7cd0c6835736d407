package org.haven.signin;

import java.sql.Types;
import java.util.UUID;

import org.haven.accounts.SecondFactorSummaries;
import org.haven.accounts.StaffCredentials;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What second factors a person has, in one statement: for the sign-in pages, and for
 * accounts ({@link SecondFactorSummaries}) to show on the staff pages and to know at
 * sign-in whether the person must give one.
 */
@Component
class SecondFactorStatus implements SecondFactorSummaries {

	private final JdbcClient jdbc;

	private final StaffCredentials accounts;

	SecondFactorStatus(JdbcClient jdbc, StaffCredentials accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	SecondFactors.Status status(UUID staffId) {
		return this.jdbc.sql("""
				select exists (select 1 from totp_secret where staff_id = :id and confirmed_at is not null) as app,
				       (select count(*) from recovery_code where staff_id = :id and used_at is null) as codes,
				       (select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
				         where u.name = :email) as passkeys""")
			.param("id", staffId)
			.param("email", this.accounts.email(staffId).orElse(null), Types.VARCHAR)
			.query((rs, row) -> new SecondFactors.Status(rs.getBoolean("app"), rs.getInt("codes"),
					rs.getInt("passkeys")))
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public Summary summary(UUID staffId) {
		SecondFactors.Status status = status(staffId);
		return new Summary(status.any(), status.recoveryCodesLeft());
	}

}
