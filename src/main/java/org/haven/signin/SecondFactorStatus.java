package org.haven.signin;

import java.util.UUID;

import org.haven.accounts.SecondFactorSummaries;

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

	SecondFactorStatus(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	SecondFactors.Status status(UUID staffId) {
		return this.jdbc.sql("""
				select exists (select 1 from totp_secret where staff_id = :id and confirmed_at is not null) as app,
				       (select count(*) from recovery_code where staff_id = :id and used_at is null) as codes,
				       (select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
				         where u.name = (select email from staff_account where id = :id)) as passkeys""")
			.param("id", staffId)
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
