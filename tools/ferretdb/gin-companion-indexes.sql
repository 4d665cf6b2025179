-- Installed by tools/ferretdb/main.go in the PostgreSQL database FerretDB uses (see main.go for why).
-- Idempotent: safe on every start.
CREATE OR REPLACE FUNCTION ferretdb_gin_companions() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cmd record;
  def text;
  tbl regclass;
  field text;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    def := pg_get_indexdef(cmd.objid);
    IF def NOT LIKE '% USING btree %' THEN CONTINUE; END IF;
    SELECT indrelid::regclass INTO tbl FROM pg_index WHERE indexrelid = cmd.objid;
    FOR field IN SELECT m[1] FROM regexp_matches(def, '_jsonb -> ''([^'']+)''::text', 'g') AS m LOOP
      IF field = '_id' THEN CONTINUE; END IF;
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops)',
        left(md5(tbl::text || ':' || field), 20) || '_gin', tbl, field);
    END LOOP;
  END LOOP;
END
$fn$;
DO $do$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'ferretdb_gin_companions') THEN
    CREATE EVENT TRIGGER ferretdb_gin_companions ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
      EXECUTE FUNCTION ferretdb_gin_companions();
  END IF;
END $do$;
