// Package frontend holds the built web explorer so that the server binary can serve it.
package frontend

import "embed"

// Dist is the built explorer: index.html and its assets under the dist directory, as written by
// `npm run build`. Before the first build it holds only a placeholder file.
//
//go:embed all:dist
var Dist embed.FS
