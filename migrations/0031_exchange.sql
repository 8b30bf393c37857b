-- Document interconnection axis (trục liên thông văn bản, issue 15): edXML envelopes between
-- agencies and installations. See docs/modules/exchange.md.

-- Every document this installation knows: sent by one of its agencies, or received for one.
CREATE TABLE exchange_documents (
  document_id     text PRIMARY KEY,          -- edXML DocumentId "<OrganId>,<yyyy/MM/dd>,<CodeNumber>/<CodeNotation>"
  from_agency     text NOT NULL,
  from_name       text NOT NULL,
  code_number     text NOT NULL,
  code_notation   text NOT NULL,
  year            integer NOT NULL,          -- of the promulgation date (document numbers run per agency per year)
  promulgation_date date NOT NULL,
  document_type   text NOT NULL,             -- TypeName, e.g. "Công văn"
  subject         text NOT NULL,
  content         text,
  signer_name     text NOT NULL,
  signer_position text NOT NULL,
  priority        integer NOT NULL DEFAULT 0,
  due_date        date,
  business_type   integer NOT NULL DEFAULT 0, -- 0 new, 1 revoke, 2 update, 3 replace
  business_reason text,
  target_ids      text[] NOT NULL DEFAULT '{}', -- documents a 1/2/3 acts on
  superseded_by   text,                      -- a later document that revoked, updated or replaced this one
  superseded_type integer,
  recipients      jsonb NOT NULL,            -- [{organId, organName}] as addressed
  attachments     jsonb NOT NULL,            -- [{contentId, name, contentType, size, sha256, fileId}]
  envelope        text NOT NULL,             -- the signed edXML exactly as sent / received
  sha256          text NOT NULL,
  outgoing        boolean NOT NULL,          -- sent by an agency hosted here
  created_by      text,                      -- the clerk (outgoing)
  created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX exchange_documents_number ON exchange_documents (from_agency, year, code_number) WHERE outgoing;
CREATE INDEX exchange_documents_from ON exchange_documents (from_agency, created_at DESC);

-- Each recipient agency of a document, and where the document stands there.
CREATE TABLE exchange_recipients (
  document_id     text NOT NULL REFERENCES exchange_documents (document_id),
  agency_code     text NOT NULL,
  agency_name     text NOT NULL,
  hosted_here     boolean NOT NULL,
  status_code     text,                      -- latest status of this recipient (01…06, 13, 15, 16)
  arrival_number  integer,                   -- số đến, per agency per year, given at 03
  arrival_year    integer,
  received_at     timestamptz,               -- 01 here
  assignee        text,                      -- 04: leader or department
  recall_state    text,                      -- requested | agreed | refused
  PRIMARY KEY (document_id, agency_code)
);
CREATE INDEX exchange_recipients_inbox ON exchange_recipients (agency_code, received_at DESC) WHERE hosted_here;
CREATE UNIQUE INDEX exchange_recipients_arrival ON exchange_recipients (agency_code, arrival_year, arrival_number) WHERE arrival_number IS NOT NULL;

-- The status trail: one row per (document, recipient agency, status code), whoever said it.
CREATE TABLE exchange_statuses (
  document_id     text NOT NULL,
  agency_code     text NOT NULL,             -- the recipient agency the status is about
  status_code     text NOT NULL,
  from_agency     text NOT NULL,             -- who said it (the recipient; the sender for 13)
  description     text,
  staff           text,
  at              timestamptz NOT NULL,
  packet          text NOT NULL,             -- the signed edXML status packet
  PRIMARY KEY (document_id, agency_code, status_code)
);

-- Envelopes refused on arrival (bad signature, unknown sender, malformed): never in an inbox.
CREATE TABLE exchange_refusals (
  id              bigserial PRIMARY KEY,
  sha256          text NOT NULL UNIQUE,
  document_id     text,
  from_agency     text,
  problem         text NOT NULL,
  detail          text NOT NULL,
  via             text NOT NULL,
  at              timestamptz NOT NULL
);

-- What this installation must deliver: one row per message and target node. Delivered once
-- acknowledged (HTTP 2xx, JetStream PubAck, or stored locally); retried with backoff.
CREATE TABLE exchange_outbox (
  id              bigserial PRIMARY KEY,
  message_id      text NOT NULL,             -- DocumentId|edoc or DocumentId|agency|status: the de-duplication key
  target_node     text NOT NULL,
  kind            text NOT NULL,             -- edoc | status
  body            text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL,
  UNIQUE (message_id, target_node)
);
CREATE INDEX exchange_outbox_due ON exchange_outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- The registry: which installation (node) hosts which agencies, as each node announced it.
CREATE TABLE exchange_nodes (
  node_id         text PRIMARY KEY,
  role            text NOT NULL,             -- local | national
  url             text,
  provinces       text[] NOT NULL,           -- province codes served (agencies H<pp> of those provinces)
  agencies        jsonb NOT NULL,            -- further hosted agencies [{code, name}] (central bodies)
  announced_at    timestamptz NOT NULL
);
