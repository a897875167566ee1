// @ts-check
// Cuts each AWS SDK client down to the exports src/ uses, for the bundle only.
//
// Why: a client package ships every command of its service. ncc (webpack without a minifier) cannot drop unused
// exports, so the action carried all of EC2's ~800 commands and 3,358 schemas: a 2 MB chunk whose compile and
// schema objects were most of the action's cold start and ~70 MB of its memory (docs/PERFORMANCE.md). esbuild's
// tree shaking keeps only what the named exports reach; ncc still bundles the result with everything else.
//
// The schemas use computed keys (`{ [_xN]: "..." }`, with `const _xN = "xmlName"`), which esbuild must treat as
// possibly side-effecting and so keeps every schema. Replacing such a key by its string constant (the same
// value, the same object) is what lets the unused schemas go.
//
// Output: .build/sdk/node_modules/@aws-sdk/client-*/ (index.js, index.d.ts re-exporting the real types,
// package.json and LICENSE, so ncc's license file still names the package). tsconfig.json maps each client there;
// where the folder does not exist (tsc, jest, a fresh clone) the mapping falls through to node_modules.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const REPO = fileURLToPath(new URL('../', import.meta.url))
export const SUBSET_ROOT = join(REPO, '.build', 'sdk', 'node_modules')
const CLIENT = /^@aws-sdk\/client-[a-z0-9-]+$/

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

/**
 * The value exports of each SDK client that the given sources use: named imports and re-exports (type-only ones
 * left out), and `(await import('@aws-sdk/client-x')).Name` or `const { Name } = await import(...)`. Any other use
 * (a namespace or default import, a dynamic import kept in a variable) is an error: the names it needs cannot be
 * told, and a bundle without them would fail at run time.
 * @param {{ file: string, text: string }[]} sources
 * @returns {Map<string, Set<string>>}
 */
export function usedClientExports(sources) {
  /** @type {Map<string, Set<string>>} */
  const used = new Map()
  /** @type {string[]} */
  const problems = []
  const add = (/** @type {string} */ pkg, /** @type {string} */ name) => {
    if (!used.has(pkg)) used.set(pkg, new Set())
    used.get(pkg)?.add(name)
  }
  for (const { file, text } of sources) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
    const where = (/** @type {ts.Node} */ node) =>
      `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
    /** @param {ts.Node} node */
    const visit = node => {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        CLIENT.test(node.moduleSpecifier.text)
      ) {
        const pkg = node.moduleSpecifier.text
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause
          if (clause && !clause.isTypeOnly) {
            if (clause.name) problems.push(`${where(node)}: default import of ${pkg}`)
            const bindings = clause.namedBindings
            if (bindings && ts.isNamespaceImport(bindings))
              problems.push(`${where(node)}: namespace import of ${pkg}`)
            if (bindings && ts.isNamedImports(bindings)) {
              for (const e of bindings.elements) if (!e.isTypeOnly) add(pkg, (e.propertyName ?? e.name).text)
            }
          }
        } else if (!node.isTypeOnly) {
          const clause = node.exportClause
          if (!clause || !ts.isNamedExports(clause)) problems.push(`${where(node)}: export * from ${pkg}`)
          else for (const e of clause.elements) if (!e.isTypeOnly) add(pkg, (e.propertyName ?? e.name).text)
        }
      }
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0]) &&
        CLIENT.test(node.arguments[0].text)
      ) {
        const pkg = node.arguments[0].text
        /** @type {ts.Node} */
        let outer = node
        while (ts.isAwaitExpression(outer.parent) || ts.isParenthesizedExpression(outer.parent))
          outer = outer.parent
        const parent = outer.parent
        if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) add(pkg, parent.name.text)
        else if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) {
          for (const e of parent.name.elements) {
            const key = e.propertyName ?? e.name
            if (ts.isIdentifier(key)) add(pkg, key.text)
            else problems.push(`${where(node)}: computed name in a destructured import of ${pkg}`)
          }
        } else problems.push(`${where(node)}: import('${pkg}') used other than as (await import(...)).Name`)
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  if (problems.length) {
    throw new Error(`cannot tell which SDK exports are used:\n  ${problems.join('\n  ')}`)
  }
  return used
}

/**
 * Replaces `[_k]:` by `"value":` where `const _k = "value";` is a top-level string constant of the same file.
 * @param {string} text
 */
export function inlineConstantKeys(text) {
  /** @type {Map<string, string>} */
  const constants = new Map()
  for (const m of text.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) constants.set(m[1], m[2])
  return text.replace(/\[(_\w+)\]:/g, (all, name) => constants.get(name)?.concat(':') ?? all)
}

/**
 * @param {string} pkg
 * @param {string[]} names
 */
async function writeSubset(pkg, names) {
  const esbuild = await import('esbuild')
  const real = join(REPO, 'node_modules', pkg)
  const out = join(SUBSET_ROOT, pkg)
  mkdirSync(out, { recursive: true })
  // The package's ES modules (its "module" entry), which tree shaking can cut; forward slashes on every platform.
  const entry = relative(REPO, join(real, 'dist-es', 'index.js'))
    .split('\\')
    .join('/')
  const result = await esbuild.build({
    stdin: {
      contents: `export { ${names.join(', ')} } from './${entry}'\n`,
      resolveDir: REPO,
      sourcefile: `${pkg}.subset.js`
    },
    absWorkingDir: REPO,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // @smithy/* and @aws-sdk/core stay packages of their own: ncc shares them between the clients.
    packages: 'external',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'inline-constant-keys',
        setup(build) {
          build.onLoad({ filter: /[\\/]schemas[\\/]schemas_\d+\.js$/ }, args => ({
            contents: inlineConstantKeys(readFileSync(args.path, 'utf8')),
            loader: 'js'
          }))
        }
      }
    ]
  })
  const manifest = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8'))
  const banner = `// ${pkg} ${manifest.version}, cut down by scripts/sdk-subset.mjs to: ${names.join(', ')}.\n`
  writeFileSync(join(out, 'index.js'), banner + result.outputFiles[0].text)
  const types = relative(out, join(real, 'dist-types', 'index.js'))
    .split('\\')
    .join('/')
  writeFileSync(join(out, 'index.d.ts'), `export * from '${types}'\n`)
  const { name, version, license, author, homepage, repository } = manifest
  writeFileSync(
    join(out, 'package.json'),
    `${JSON.stringify({ name, version, license, author, homepage, repository, type: 'module', main: './index.js', types: './index.d.ts' }, null, 2)}\n`
  )
  copyFileSync(join(real, 'LICENSE'), join(out, 'LICENSE'))
}

/** Writes the subsets; returns what each holds. */
export async function writeSdkSubsets() {
  const sources = sourceFiles(join(REPO, 'src')).map(file => ({
    file: relative(REPO, file),
    text: readFileSync(file, 'utf8')
  }))
  const used = usedClientExports(sources)
  const paths = JSON.parse(readFileSync(join(REPO, 'tsconfig.json'), 'utf8')).compilerOptions.paths ?? {}
  const unmapped = [...used.keys()].filter(pkg => !paths[pkg])
  if (unmapped.length) {
    throw new Error(
      `tsconfig.json maps no subset for ${unmapped.join(', ')}: add it to compilerOptions.paths`
    )
  }
  /** @type {Record<string, string[]>} */
  const written = {}
  for (const [pkg, names] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    written[pkg] = [...names].sort()
    await writeSubset(pkg, written[pkg])
  }
  return written
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = await writeSdkSubsets()
  for (const [pkg, names] of Object.entries(written)) {
    console.log(`${relative(REPO, join(SUBSET_ROOT, pkg))}: ${names.join(', ')}`)
  }
}
