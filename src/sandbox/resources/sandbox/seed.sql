-- The sandbox's copy of the parts of AI Query Hub's schema the checks read, as the app's migrations create them
-- (github.com/Thabonel/drive-flow-ai-know, supabase/migrations at 4abbf11; file named above each table).
-- Row-level security is on with the app's own policies: a monitoring role that does not bypass RLS sees no rows.
-- There is no audit_logs table (the runbook's) and no table of AI spend in money: the real schema has neither.

-- Supabase keeps extensions in their own schema, and auth.uid() answers who the caller is (here: nobody).
CREATE SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA extensions;
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY DEFAULT gen_random_uuid());
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT NULL::uuid $$;

-- 20250201000010_add_security_incidents.sql
CREATE TABLE security_incidents (
    id          uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    type        text NOT NULL CHECK (type IN ('BRUTE_FORCE_ATTEMPT', 'SUSPICIOUS_ACCESS', 'RATE_LIMIT_EXCEEDED')),
    severity    text NOT NULL CHECK (severity IN ('HIGH', 'MEDIUM', 'LOW')),
    user_id     uuid REFERENCES auth.users (id) ON DELETE SET NULL,
    ip_address  text NOT NULL,
    detected_at timestamptz DEFAULT now() NOT NULL,
    details     jsonb DEFAULT '{}',
    status      text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RESOLVED', 'FALSE_POSITIVE')),
    created_at  timestamptz DEFAULT now() NOT NULL,
    updated_at  timestamptz DEFAULT now() NOT NULL
);
ALTER TABLE security_incidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Service role can insert security incidents" ON security_incidents FOR INSERT WITH CHECK (true);

-- 20251218000000_fix_user_creation_triggers.sql
CREATE TABLE security_audit_log (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid REFERENCES auth.users (id) ON DELETE SET NULL,
    action        text NOT NULL,
    resource_type text,
    resource_id   uuid,
    ip_address    text,
    user_agent    text,
    metadata      jsonb DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE security_audit_log ENABLE ROW LEVEL SECURITY;

-- 20260205000000_semantic_memory_system.sql
CREATE TABLE assistant_audit_log (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           uuid,
    action_type       text NOT NULL CHECK (action_type IN ('memory_access', 'memory_write', 'outbound_call',
        'outbound_message', 'email_read', 'calendar_access', 'task_action', 'autonomy_action', 'security_event')),
    description       text,
    target_type       text,
    target_id         text,
    request_metadata  jsonb DEFAULT '{}',
    response_metadata jsonb DEFAULT '{}',
    source_channel    text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE assistant_audit_log ENABLE ROW LEVEL SECURITY;

-- 20260201000001_add_compliance_audit_log.sql
CREATE TABLE compliance_audit_log (
    id                  uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    user_id             uuid NOT NULL,
    action              text NOT NULL,
    "timestamp"         timestamptz DEFAULT now() NOT NULL,
    ip_address          text,
    user_agent          text,
    data_types_exported text[],
    additional_metadata jsonb DEFAULT '{}',
    created_at          timestamptz DEFAULT now() NOT NULL
);
ALTER TABLE compliance_audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own audit log entries" ON compliance_audit_log FOR SELECT USING (auth.uid() = user_id);

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

-- conversations and messages: created outside the kept migrations; columns from later ALTERs and the app's code
-- (20251016004804 adds their per-user policies)
CREATE TABLE conversations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL,
    title         text,
    status        text DEFAULT 'active',
    message_count int DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE messages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id uuid NOT NULL REFERENCES conversations (id),
    user_id         uuid,
    role            text NOT NULL,
    content         text NOT NULL,
    sequence_number int,
    created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own conversations" ON conversations FOR SELECT USING (auth.uid() = user_id);
CREATE POLICY "Users can view their own messages" ON messages FOR SELECT USING (auth.uid() = user_id);

-- 20251102000015: AI queries counted per user and month, not spend in money
CREATE TABLE user_usage (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL,
    period_start     date NOT NULL,
    ai_queries_count int NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE user_usage ENABLE ROW LEVEL SECURITY;

-- A healthy history: ordinary activity, and security incidents only from long ago.
INSERT INTO assistant_audit_log (created_at, action_type, description)
SELECT now() - (n || ' hours')::interval, 'memory_access', 'search' FROM generate_series(1, 20) AS n;
INSERT INTO compliance_audit_log (user_id, action, "timestamp")
SELECT gen_random_uuid(), 'data_export', now() - (n || ' days')::interval FROM generate_series(1, 5) AS n;
INSERT INTO security_incidents (type, severity, status, ip_address, detected_at)
VALUES ('RATE_LIMIT_EXCEEDED', 'LOW', 'RESOLVED', '198.51.100.23', now() - interval '20 days'),
       ('BRUTE_FORCE_ATTEMPT', 'HIGH', 'FALSE_POSITIVE', '198.51.100.40', now() - interval '40 days');

INSERT INTO conversations (user_id, created_at)
SELECT gen_random_uuid(), now() - (n || ' minutes')::interval FROM generate_series(1, 30) AS n;
INSERT INTO messages (conversation_id, user_id, role, content, created_at)
SELECT c.id, c.user_id, r.role, 'sandbox message', c.created_at
FROM conversations c CROSS JOIN (VALUES ('user'), ('assistant')) AS r(role);

-- What the signed-in journey writes through the app's chat (src/components/ConversationChat.tsx): a conversation and its
-- two messages of the dedicated monitoring user (SandboxAuth.MONITORING_USER_ID, journey.user-id in local.properties),
-- the newest rows. The data-loss check leaves them out; fault stale-data leaves them fresh, as a journey that ran today
-- would.
INSERT INTO conversations (user_id, title, created_at)
VALUES ('7c1e5b2a-4f0d-4c8e-9a63-5d2b8e0f1a47', 'Reply with the single word: pong', now());
INSERT INTO messages (conversation_id, user_id, role, content, created_at)
SELECT c.id, c.user_id, r.role, r.content, c.created_at
FROM conversations c CROSS JOIN (VALUES ('user', 'Reply with the single word: pong'), ('assistant', 'pong')) AS r(role, content)
WHERE c.user_id = '7c1e5b2a-4f0d-4c8e-9a63-5d2b8e0f1a47';
