-- The sandbox's copy of the AI Query Hub schema parts the runbook and its checks read.
-- Row-level security is on, as in production: a monitoring role without BYPASSRLS sees no rows.

CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

-- The runbook's security-audit table (it does not exist in production's migrations; see system contract).
CREATE TABLE audit_logs (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    user_id     uuid,
    action_type text NOT NULL,
    details     jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE assistant_audit_log (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    user_id     uuid,
    action_type text NOT NULL CHECK (action_type IN ('memory_access', 'memory_write', 'outbound_call',
        'outbound_message', 'email_read', 'calendar_access', 'task_action', 'autonomy_action', 'security_event')),
    details     jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE security_audit_log (
    id         bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    action     text NOT NULL,
    details    jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE security_incidents (
    id          bigserial PRIMARY KEY,
    type        text NOT NULL CHECK (type IN ('BRUTE_FORCE_ATTEMPT', 'SUSPICIOUS_ACCESS', 'RATE_LIMIT_EXCEEDED')),
    severity    text NOT NULL CHECK (severity IN ('HIGH', 'MEDIUM', 'LOW')),
    status      text NOT NULL CHECK (status IN ('ACTIVE', 'RESOLVED', 'FALSE_POSITIVE')),
    detected_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compliance_audit_log (
    id          bigserial PRIMARY KEY,
    "timestamp" timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL
);

CREATE TABLE webhook_events_queue (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'pending',
    retry_count int NOT NULL DEFAULT 0
);

CREATE VIEW webhook_queue_health AS
SELECT count(*) FILTER (WHERE status = 'pending')                      AS pending,
       count(*) FILTER (WHERE status = 'failed' AND retry_count >= 5)  AS failed,
       min(created_at) FILTER (WHERE status = 'pending')                AS oldest_pending
FROM webhook_events_queue;

CREATE TABLE conversations (
    id         bigserial PRIMARY KEY,
    user_id    uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE messages (
    id              bigserial PRIMARY KEY,
    conversation_id bigint NOT NULL REFERENCES conversations (id),
    role            text NOT NULL,
    content         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE assistant_audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE security_audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE security_incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE compliance_audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;

-- A healthy history: ordinary activity, and security events only from long ago.
INSERT INTO audit_logs (created_at, action_type, details)
SELECT now() - (n || ' hours')::interval, 'login', '{"source":"web"}' FROM generate_series(1, 40) AS n;
INSERT INTO audit_logs (created_at, action_type, details)
VALUES (now() - interval '40 days', 'auth_failure', '{"reason":"bad password"}');

INSERT INTO assistant_audit_log (created_at, action_type)
SELECT now() - (n || ' hours')::interval, 'memory_access' FROM generate_series(1, 20) AS n;

INSERT INTO security_incidents (type, severity, status, detected_at)
VALUES ('RATE_LIMIT_EXCEEDED', 'LOW', 'RESOLVED', now() - interval '20 days');

INSERT INTO conversations (user_id, created_at)
SELECT gen_random_uuid(), now() - (n || ' minutes')::interval FROM generate_series(1, 30) AS n;
INSERT INTO messages (conversation_id, role, content, created_at)
SELECT c.id, r.role, 'sandbox message', c.created_at
FROM conversations c CROSS JOIN (VALUES ('user'), ('assistant')) AS r(role);

-- AI spend, one row per call. Healthy: about $12 today and $10 on every earlier day of this month.
CREATE TABLE ai_usage_log (
    id         bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    provider   text NOT NULL,
    model      text NOT NULL,
    tokens     int NOT NULL,
    cost_usd   numeric(10, 4) NOT NULL
);
ALTER TABLE ai_usage_log ENABLE ROW LEVEL SECURITY;

INSERT INTO ai_usage_log (created_at, provider, model, tokens, cost_usd)
SELECT d, p.provider, p.model, 40000, p.share * 10
FROM generate_series(date_trunc('month', now()), date_trunc('day', now()) - interval '1 day', interval '1 day') AS d
CROSS JOIN (VALUES ('anthropic', 'claude-sonnet', 0.7), ('openrouter', 'llama-3.1-70b', 0.3)) AS p(provider, model, share);
INSERT INTO ai_usage_log (created_at, provider, model, tokens, cost_usd)
VALUES (now() - interval '1 minute', 'anthropic', 'claude-sonnet', 52000, 8.40),
       (now() - interval '2 minutes', 'openrouter', 'llama-3.1-70b', 61000, 3.60);
