// Command ferretdb runs FerretDB v1 (MongoDB wire protocol) on PostgreSQL for local runs and tests.
// The plain `go install` binary of FerretDB panics at start (its module lacks a generated version
// file), so we embed the public ferretdb package instead.
package main

import (
	"context"
	_ "embed"
	"flag"
	"log"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/jackc/pgx/v5/pgxpool"
)

// FerretDB v1 builds its indexes as btree on `_jsonb -> 'field'` but pushes an equality down as
// `_jsonb -> 'field' @> value`, which a btree cannot serve: every query scans its whole table. This
// event trigger gives each such index a GIN (jsonb_path_ops) companion on the same field, which
// serves `@>`, so an equality on an indexed field is an index lookup as on MongoDB.
//
//go:embed gin-companion-indexes.sql
var ginCompanionIndexes string

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	pgURL := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/ferretdb", "PostgreSQL URL")
	ginIndexes := flag.Bool("gin-companion-indexes", true, "give each FerretDB index a GIN companion that its equality queries can use")
	planCacheMode := flag.String("plan-cache-mode", "force_custom_plan", "PostgreSQL plan_cache_mode of FerretDB's connections, unless the URL sets it ('' leaves the server's)")
	flag.Parse()

	if *planCacheMode != "" {
		u, err := withDefaultParam(*pgURL, "plan_cache_mode", *planCacheMode)
		if err != nil {
			log.Fatalf("bad -postgresql-url: %v", err)
		}
		*pgURL = u
	}

	if *ginIndexes {
		if err := installGinCompanions(*pgURL); err != nil {
			log.Fatalf("installing the GIN companion index trigger: %v", err)
		}
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb listening on %s (postgresql %s)", *listen, *pgURL)
	f.Run(ctx)
}

// FerretDB runs every query as a cached prepared statement with the field name as a parameter
// (`_jsonb->$1 @> $2`). Once PostgreSQL switches such a statement to a generic plan, the plan cannot
// use the GIN companion index and scans the whole table. A custom plan per execution keeps every
// equality on its index. pgx sends a URL parameter it does not know itself as a run-time parameter
// of each connection (as FerretDB does with timezone), so the setting travels with the URL.
func withDefaultParam(raw, name, value string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	q := u.Query()
	if !q.Has(name) {
		q.Set(name, value)
		u.RawQuery = q.Encode()
	}
	return u.String(), nil
}

func installGinCompanions(url string) error {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = pool.Exec(ctx, ginCompanionIndexes)
	return err
}
