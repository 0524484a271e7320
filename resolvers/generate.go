package resolvers

//go:generate go tool gqlgen generate
//go:generate go run ./internal/execpatch generated
