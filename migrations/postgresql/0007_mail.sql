-- E-mail delivery: messages are read per recipient in the web pages; a message the delivery
-- worker gave up on carries failed_at (a system admin may send it again).
CREATE INDEX outbox_to_address ON outbox (to_address, created_at);
ALTER TABLE outbox ADD COLUMN failed_at BIGINT;
