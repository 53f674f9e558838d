package store_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sqlQueryArg maps the methods of *sql.DB, *sql.Tx and *sql.Conn that take
// SQL text to the index of that argument.
var sqlQueryArg = map[string]int{
	"Exec": 0, "ExecContext": 1,
	"Query": 0, "QueryContext": 1,
	"QueryRow": 0, "QueryRowContext": 1,
	"Prepare": 0, "PrepareContext": 1,
	// The store's transaction type, which passes the text on to *sql.Tx.
	"exec": 1, "query": 1, "queryRow": 1,
}

// dynamicSQL lists the SQL texts of store that are built at run time, each
// reviewed: none takes a value from its caller, only identifiers and
// placeholders from fixed definitions. A new dynamic query fails the test
// until it is made static or reviewed and listed here; an entry that no
// longer matches fails it too.
var dynamicSQL = map[string]string{
	"migrate.go: string(buf)": "a migration file embedded in the binary",
}

// sqlChecker finds the SQL arguments of database/sql calls in one
// type-checked package that are not constant.
type sqlChecker struct {
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// newSQLChecker parses and type-checks the Go files src (name to source) as
// one package. Only the standard library is imported for real: the SQL
// calls are on database/sql types, and what else the files use does not
// matter to the check, so type errors are ignored.
func newSQLChecker(t *testing.T, src map[string][]byte) *sqlChecker {
	t.Helper()
	c := &sqlChecker{fset: token.NewFileSet(), info: &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}}
	names := make([]string, 0, len(src))
	for name := range src {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		f, err := parser.ParseFile(c.fset, name, src[name], 0)
		if err != nil {
			t.Fatal(err)
		}
		c.files = append(c.files, f)
	}
	std := importer.ForCompiler(c.fset, "source", nil)
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if strings.Contains(strings.Split(path, "/")[0], ".") || strings.HasPrefix(path, "amendlens/") {
				p := types.NewPackage(path, filepath.Base(path))
				p.MarkComplete()
				return p, nil
			}
			return std.Import(path)
		}),
		Error: func(error) {},
	}
	c.pkg, _ = conf.Check("checked", c.fset, c.files, c.info)
	return c
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// findings returns "file: expression" for every SQL argument that is not
// constant, as found in the source.
func (c *sqlChecker) findings() []string {
	var out []string
	for _, f := range c.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			i, ok := sqlQueryArg[sel.Sel.Name]
			s := c.info.Selections[sel]
			if !ok || s == nil || i >= len(call.Args) {
				return true
			}
			switch recv := types.TypeString(s.Recv(), nil); {
			case recv == "*database/sql.DB", recv == "*database/sql.Tx", recv == "*database/sql.Conn":
			case strings.HasSuffix(recv, ".txn") && c.pkg.Scope().Lookup("txn") != nil:
			default:
				return true // *sql.Stmt and others take no SQL text
			}
			if !c.static(call.Args[i], 0) {
				out = append(out, filepath.Base(c.fset.Position(call.Pos()).Filename)+": "+c.text(call.Args[i]))
			}
			return true
		})
	}
	return out
}

// text returns the source of e.
func (c *sqlChecker) text(e ast.Expr) string {
	var b strings.Builder
	printer.Fprint(&b, c.fset, e)
	return b.String()
}

// static reports whether e is SQL text fixed when the program is written: a
// constant; a package-level variable initialised with a constant; a
// concatenation of those with names taken from a fixed list of string
// literals (for _, t := range tableNames()); or a parameter of a function of
// the package that every call gives a static argument; or the store's
// rebind of such a text, which only renumbers its placeholders; or the
// statement insertSQL writes from the fixed table definitions of rows.go.
func (c *sqlChecker) static(e ast.Expr, depth int) bool {
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		return true
	}
	if depth > 8 {
		return false
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.static(e.X, depth+1)
	case *ast.BinaryExpr:
		return e.Op == token.ADD && c.static(e.X, depth+1) && c.static(e.Y, depth+1)
	case *ast.CallExpr:
		if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "insertSQL" {
			// The INSERT of rows.go: names from its fixed table
			// definitions and placeholders, nothing else.
			fn, ok := c.info.Uses[id].(*types.Func)
			return ok && fn.Pkg() == c.pkg
		}
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "rebind" || len(e.Args) != 1 {
			return false
		}
		fn, ok := c.info.Uses[sel.Sel].(*types.Func)
		return ok && fn.Pkg() == c.pkg && c.static(e.Args[0], depth+1)
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		if v.Parent() == c.pkg.Scope() {
			init := c.packageVarInit(v)
			return init != nil && c.static(init, depth+1)
		}
		if list := c.rangedOver(v); list != nil {
			return c.fixedList(list)
		}
		return c.staticParam(v, depth)
	}
	return false
}

// packageVarInit returns the expression a package-level variable is
// initialised with, nil when it has none of its own.
func (c *sqlChecker) packageVarInit(v *types.Var) ast.Expr {
	for _, f := range c.files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if c.info.Defs[name] == v && len(vs.Values) == len(vs.Names) {
						return vs.Values[i]
					}
				}
			}
		}
	}
	return nil
}

// rangedOver returns the expression a range statement defining v as its
// value iterates over, nil when v is no such variable.
func (c *sqlChecker) rangedOver(v *types.Var) ast.Expr {
	var x ast.Expr
	for _, f := range c.files {
		ast.Inspect(f, func(n ast.Node) bool {
			r, ok := n.(*ast.RangeStmt)
			if ok && r.Tok == token.DEFINE {
				if id, ok := r.Value.(*ast.Ident); ok && c.info.Defs[id] == v {
					x = r.X
				}
			}
			return x == nil
		})
	}
	return x
}

// fixedList reports whether e is a slice literal of string constants, or a
// call of a function of the package that only returns one.
func (c *sqlChecker) fixedList(e ast.Expr) bool {
	if lit, ok := e.(*ast.CompositeLit); ok {
		for _, el := range lit.Elts {
			if tv, ok := c.info.Types[el]; !ok || tv.Value == nil {
				return false
			}
		}
		return true
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) > 0 {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return false
	}
	fn := c.funcDecl(c.info.Uses[id])
	if fn == nil || fn.Body == nil || len(fn.Body.List) != 1 {
		return false
	}
	ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
	return ok && len(ret.Results) == 1 && c.fixedList(ret.Results[0])
}

// funcDecl returns the declaration of the function obj of the package.
func (c *sqlChecker) funcDecl(obj types.Object) *ast.FuncDecl {
	for _, f := range c.files {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && obj != nil && c.info.Defs[fn.Name] == obj {
				return fn
			}
		}
	}
	return nil
}

// staticParam reports whether v is a parameter of a function of the package
// that is called at least once, always with a static argument for v.
func (c *sqlChecker) staticParam(v *types.Var, depth int) bool {
	for _, f := range c.files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			index := 0
			for _, field := range fn.Type.Params.List {
				for _, name := range field.Names {
					if c.info.Defs[name] == v {
						return c.staticCalls(c.info.Defs[fn.Name], index, depth)
					}
					index++
				}
			}
		}
	}
	return false
}

// staticCalls reports whether fn is called at least once in the package and
// every call gives a static argument at index.
func (c *sqlChecker) staticCalls(fn types.Object, index, depth int) bool {
	calls, static := 0, true
	for _, f := range c.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var id *ast.Ident
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				id = fun
			case *ast.SelectorExpr:
				id = fun.Sel
			}
			if id == nil || c.info.Uses[id] != fn {
				return true
			}
			calls++
			if index >= len(call.Args) || !c.static(call.Args[index], depth+1) {
				static = false
			}
			return true
		})
	}
	return calls > 0 && static
}

// TestStoreSQLOnlyWithParameters checks the SQL text of every database/sql
// call in the store: it must be fixed in the source, values going in as
// parameters, never built from what a caller passes (fmt.Sprintf, a
// concatenation with a variable), apart from the reviewed dynamicSQL.
func TestStoreSQLOnlyWithParameters(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	src := map[string][]byte{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if src[f], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	if len(src) == 0 {
		t.Fatal("no store source found")
	}
	c := newSQLChecker(t, src)
	seen := map[string]bool{}
	for _, f := range c.findings() {
		if _, ok := dynamicSQL[f]; ok {
			seen[f] = true
			continue
		}
		t.Errorf("%s: SQL built at run time: write it as a constant with ? parameters", f)
	}
	for f := range dynamicSQL {
		if !seen[f] {
			t.Errorf("%s: listed as reviewed dynamic SQL but not found: remove it from dynamicSQL", f)
		}
	}
}

// TestSQLCheckerFindsBuiltQueries runs the checker on a package that builds
// SQL in the ways it must refuse, and in those it must accept.
func TestSQLCheckerFindsBuiltQueries(t *testing.T) {
	src := []byte(`package p

import (
	"database/sql"
)

const byID = "SELECT x FROM t WHERE id = ?"

var byName = "SELECT x FROM t WHERE name = " + "?"

func tables() []string { return []string{"a", "b"} }

func good(ctx context.Context, db *sql.DB, tx *sql.Tx, st *sql.Stmt, name string) {
	db.Exec(byID, 1)
	tx.QueryRowContext(ctx, byName, name)
	db.QueryContext(ctx, "SELECT "+"1")
	for _, t := range tables() {
		tx.ExecContext(ctx, "DELETE FROM "+t+" WHERE id = ?", 1)
	}
	st.ExecContext(ctx, name)
	run(ctx, tx, "SELECT 2")
}

func run(ctx context.Context, tx *sql.Tx, query string) { tx.QueryContext(ctx, query) }

func bad(ctx context.Context, db *sql.DB, tx *sql.Tx, name string, names []string) {
	db.Exec(fmt.Sprintf("SELECT x FROM t WHERE name = '%s'", name))
	tx.QueryContext(ctx, "SELECT x FROM t WHERE name = '"+name+"'")
	for _, n := range names {
		db.PrepareContext(ctx, "SELECT "+n)
	}
	q := "SELECT 3"
	db.Query(q)
	runBad(ctx, tx, name)
}

func runBad(ctx context.Context, tx *sql.Tx, query string) { tx.ExecContext(ctx, query) }
`)
	got := newSQLChecker(t, map[string][]byte{"p.go": src}).findings()
	want := []string{
		`p.go: fmt.Sprintf("SELECT x FROM t WHERE name = '%s'", name)`,
		`p.go: "SELECT x FROM t WHERE name = '" + name + "'"`,
		`p.go: "SELECT " + n`,
		`p.go: q`,
		`p.go: query`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
