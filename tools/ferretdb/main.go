// Command ferretdb runs FerretDB v1 (MongoDB wire protocol) on PostgreSQL for local runs and tests.
// The plain `go install` binary of FerretDB panics at start (its module lacks a generated version
// file), so we embed the public ferretdb package instead.
package main

import (
	"context"
	_ "embed"
	"flag"
	"log"
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
	flag.Parse()

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
