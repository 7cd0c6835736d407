-- The categories a SAFEGUARDING_TEAM member may read and add to, granted by the DSL.
create table staff_category_grant (
    staff_id    uuid        not null references staff_account (id),
    category_id uuid        not null references category (id),
    granted_at  timestamptz not null,
    primary key (staff_id, category_id)
);

create index staff_category_grant_category_idx on staff_category_grant (category_id);

grant select, insert, delete on staff_category_grant to ${app_role};

-- A short description of each category, shown as a hint on the concern form so that staff choose the right tag.
alter table category add column description text check (length(description) <= 500);

update category set description = 'Hitting, shaking, throwing, poisoning, burning, scalding, drowning, suffocating or otherwise causing physical harm.' where code = 'physical-abuse';
update category set description = 'Persistent emotional maltreatment: making a child feel worthless, unloved or frightened, or seeing or hearing the ill-treatment of another.' where code = 'emotional-abuse';
update category set description = 'Forcing or enticing a child to take part in sexual activities, including online, whether or not the child is aware of what is happening.' where code = 'sexual-abuse';
update category set description = 'Persistent failure to meet a child''s basic physical or psychological needs: food, shelter, clothing, supervision, medical care.' where code = 'neglect';
update category set description = 'Abuse between family members or intimate partners that the child sees, hears or experiences, including coercive control.' where code = 'domestic-abuse';
update category set description = 'Abuse by one or more children of another: physical, sexual, emotional or online, including initiation violence.' where code = 'child-on-child';
update category set description = 'Sexual violence or sexual harassment between children, online or offline, including upskirting and sharing nudes.' where code = 'sexual-harassment';
update category set description = 'Repeated behaviour intended to hurt, physically or emotionally, often aimed at a group or a difference.' where code = 'bullying';
update category set description = 'Harm online: cyberbullying, grooming, exposure to harmful content, sharing images, online scams.' where code = 'online-safety';
update category set description = 'A child given something (gifts, drugs, money, status, affection) in exchange for sexual activity.' where code = 'cse';
update category set description = 'A child coerced into crime, such as carrying drugs or money for a county lines network.' where code = 'cce';
update category set description = 'Signs a child is at risk from or involved in serious violence: knives, gangs, unexplained injuries or money.' where code = 'serious-violence';
update category set description = 'Concern that a child is being drawn into terrorism or extremist views (Prevent duty).' where code = 'prevent';
update category set description = 'Any concern that a girl has undergone or is at risk of FGM. Teachers must report known cases to the police.' where code = 'fgm';
update category set description = 'A marriage entered into without the full and free consent of one or both parties, or a risk of one.' where code = 'forced-marriage';
update category set description = 'Injury a child causes themselves on purpose, or talk of doing so.' where code = 'self-harm';
update category set description = 'Signs of a mental health difficulty that may also indicate abuse, neglect or exploitation.' where code = 'mental-health';
update category set description = 'A concern arising from, or made harder to see by, a child''s special educational need or disability.' where code = 'send';
update category set description = 'A child using, or affected by a family member''s use of, drugs or alcohol.' where code = 'substance-misuse';
update category set description = 'A child who cares for a family member, and whose own needs may be going unmet.' where code = 'young-carer';
update category set description = 'A child under 16 cared for by someone who is not a close relative for 28 days or more.' where code = 'private-fostering';
update category set description = 'A child or family without a secure home, or at risk of losing it.' where code = 'homelessness';
update category set description = 'Persistent or unexplained absence, or a child missing from education.' where code = 'attendance';
update category set description = 'An allegation that a member of staff, supply staff, volunteer or contractor has harmed or may pose a risk to a child. Tell the headteacher (or the chair of governors if it concerns the headteacher), not the member of staff.' where code = 'allegation-against-staff';
update category set description = 'A concern that fits no other category.' where code = 'other';
