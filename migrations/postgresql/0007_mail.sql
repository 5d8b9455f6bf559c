-- E-mail delivery: messages are read per recipient in the web pages.
CREATE INDEX outbox_to_address ON outbox (to_address, created_at);
