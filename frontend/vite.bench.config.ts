// The benchmark page (bench/index.html), built apart from the explorer into bench-dist/.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

export default defineConfig({
  plugins: [react()],
  root: here("./bench"),
  base: "./",
  build: {
    outDir: here("./bench-dist"),
    emptyOutDir: true,
    target: "es2022",
  },
});
