-- The tags on a concern. Managed by the DSL; a restricted category is readable by the DSL alone.
create table category (
    id          uuid primary key,
    code        text    not null unique check (code ~ '^[a-z0-9-]{1,60}$'),
    name        text    not null unique check (length(name) between 1 and 100),
    group_name  text    not null check (length(group_name) between 1 and 100),
    restricted  boolean not null default false,
    active      boolean not null default true,
    sort_order  integer not null
);

grant select, insert, update on category to ${app_role};

-- The standard list, from Keeping Children Safe in Education's types of abuse and specific safeguarding issues.
insert into category (id, code, name, group_name, restricted, sort_order) values
    ('0192f0a0-0000-7000-8000-000000000001', 'physical-abuse',          'Physical abuse',                                'Abuse and neglect',       false, 10),
    ('0192f0a0-0000-7000-8000-000000000002', 'emotional-abuse',         'Emotional abuse',                               'Abuse and neglect',       false, 20),
    ('0192f0a0-0000-7000-8000-000000000003', 'sexual-abuse',            'Sexual abuse',                                  'Abuse and neglect',       false, 30),
    ('0192f0a0-0000-7000-8000-000000000004', 'neglect',                 'Neglect',                                       'Abuse and neglect',       false, 40),
    ('0192f0a0-0000-7000-8000-000000000005', 'domestic-abuse',          'Domestic abuse',                                'Abuse and neglect',       false, 50),
    ('0192f0a0-0000-7000-8000-000000000006', 'child-on-child',          'Child-on-child abuse',                          'Child-on-child',          false, 60),
    ('0192f0a0-0000-7000-8000-000000000007', 'sexual-harassment',       'Sexual violence and sexual harassment',         'Child-on-child',          false, 70),
    ('0192f0a0-0000-7000-8000-000000000008', 'bullying',                'Bullying',                                      'Child-on-child',          false, 80),
    ('0192f0a0-0000-7000-8000-000000000009', 'online-safety',           'Online safety / cyberbullying',                 'Child-on-child',          false, 90),
    ('0192f0a0-0000-7000-8000-000000000010', 'cse',                     'Child sexual exploitation (CSE)',               'Exploitation',            false, 100),
    ('0192f0a0-0000-7000-8000-000000000011', 'cce',                     'Child criminal exploitation (CCE) / county lines', 'Exploitation',         false, 110),
    ('0192f0a0-0000-7000-8000-000000000012', 'serious-violence',        'Serious violence',                              'Exploitation',            false, 120),
    ('0192f0a0-0000-7000-8000-000000000013', 'prevent',                 'Prevent / radicalisation',                      'Exploitation',            false, 130),
    ('0192f0a0-0000-7000-8000-000000000014', 'fgm',                     'Female genital mutilation (FGM)',               'Honour-based abuse',      false, 140),
    ('0192f0a0-0000-7000-8000-000000000015', 'forced-marriage',         'Forced marriage',                               'Honour-based abuse',      false, 150),
    ('0192f0a0-0000-7000-8000-000000000016', 'self-harm',               'Self-harm',                                     'Health and wellbeing',    false, 160),
    ('0192f0a0-0000-7000-8000-000000000017', 'mental-health',           'Mental health',                                 'Health and wellbeing',    false, 170),
    ('0192f0a0-0000-7000-8000-000000000018', 'send',                    'Special educational needs and disabilities (SEND)', 'Health and wellbeing', false, 180),
    ('0192f0a0-0000-7000-8000-000000000019', 'substance-misuse',        'Substance misuse',                              'Health and wellbeing',    false, 190),
    ('0192f0a0-0000-7000-8000-000000000020', 'young-carer',             'Young carer',                                   'Family and home',         false, 200),
    ('0192f0a0-0000-7000-8000-000000000021', 'private-fostering',       'Private fostering',                             'Family and home',         false, 210),
    ('0192f0a0-0000-7000-8000-000000000022', 'homelessness',            'Homelessness',                                  'Family and home',         false, 220),
    ('0192f0a0-0000-7000-8000-000000000023', 'attendance',              'Attendance / children missing education',      'Education',               false, 230),
    ('0192f0a0-0000-7000-8000-000000000024', 'allegation-against-staff','Allegation against staff',                      'Allegations',             true,  240),
    ('0192f0a0-0000-7000-8000-000000000025', 'other',                   'Other',                                         'Other',                   false, 250);
