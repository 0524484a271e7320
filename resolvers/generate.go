package resolvers

//go:generate go run ./internal/gqlgen
