/// The pages' Mustache templates (swift-mustache), kept in the library so the server is one
/// file to install. `{{x}}` escapes HTML; `{{{body}}}` is the page already rendered.
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout, "gallery": gallery, "build": build, "result": result, "fees": fees, "feeImport": feeImport,
        "history": history, "login": login, "message": message, "dataFilePicker": dataFilePicker,
    ]

    /// A partial: one CSV input, from the data folder or uploaded (``DataFilePicker``'s values).
    static let dataFilePicker = """
    <fieldset>
    <legend>{{legend}}{{#legendCode}} <code>{{.}}</code>{{/legendCode}}{{#legendNote}} {{.}}{{/legendNote}}</legend>{{#note}}
    <p>{{.}}</p>{{/note}}
    <label for="pick-{{slot}}">From the data folder</label>
    <select id="pick-{{slot}}" name="pick.{{field}}">
    <option value="">{{noneLabel}}</option>
    {{#options}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/options}}
    </select>
    <label for="file-{{slot}}">Or upload a CSV file (used instead)</label>
    <input type="file" id="file-{{slot}}" name="file.{{field}}" accept=".csv,text/csv">
    </fieldset>
    """

    static let layout = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} – Appendix</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fff; line-height: 1.45; }
    header { background: #1d3557; padding: 0.5rem 1rem; }
    header ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
    header a, header span { color: #fff; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    .skip { position: absolute; left: -10000px; }
    .skip:focus { left: 1rem; top: 0.5rem; background: #fff; color: #1b1b1b; padding: 0.25rem; }
    .cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
    .card { border: 1px solid #8a8a8a; border-radius: 4px; padding: 0.75rem; }
    .card img { max-width: 100%; height: auto; border: 1px solid #8a8a8a; }
    .error { border-left: 6px solid #b00020; background: #fdecea; padding: 0.5rem 1rem; }
    .ok { border-left: 6px solid #1b5e20; background: #e8f5e9; padding: 0.5rem 1rem; }
    .misfit { background: #fff3cd; }
    table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
    th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
    fieldset { margin: 0 0 1rem; border: 1px solid #8a8a8a; }
    label { display: block; margin-top: 0.5rem; font-weight: 600; }
    button, .button { margin-top: 0.75rem; padding: 0.4rem 1rem; background: #1d3557; color: #fff; border: 0; border-radius: 3px; font-size: 1rem; text-decoration: none; display: inline-block; }
    header button { margin: 0; background: #fff; color: #1d3557; }
    a { color: #0b4f9c; }
    footer { max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #4a4a4a; }
    </style>
    </head>
    <body>
    <a class="skip" href="#main">Skip to content</a>
    <header>
    <nav aria-label="Main">
    <ul>
    <li><a href="/">Templates</a></li>
    <li><a href="/fees">Fees</a></li>
    <li><a href="/history">History</a></li>
    {{#user}}<li><span>Signed in as {{name}}</span></li>
    <li><form method="post" action="/logout"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">Sign out</button></form></li>{{/user}}
    </ul>
    </nav>
    </header>
    <main id="main">
    <h1>{{title}}</h1>
    {{{body}}}
    </main>
    <footer>Appendix {{version}}</footer>
    </body>
    </html>
    """

    static let gallery = """
    <p>Pick a template to build its appendix from your CSV files.</p>
    {{#broken}}<div class="error" role="alert"><p><strong>{{id}}.yaml</strong> does not load: {{message}}</p></div>{{/broken}}
    <ul class="cards">
    {{#templates}}
    <li class="card">
    <h2><a href="/build/{{id}}">{{title}}</a></h2>
    {{#description}}<p>{{description}}</p>{{/description}}
    <p>{{id}}.yaml · {{sheets}} sheet(s)</p>
    <h3>Sources needed</h3>
    <ul>{{#sources}}<li><code>{{name}}</code>: {{file}}{{#folder}} (a folder of CSV files){{/folder}}</li>{{/sources}}</ul>
    {{#preview}}<img src="/templates/{{id}}/preview.png" alt="First printed page of {{title}}" width="320">{{/preview}}
    </li>
    {{/templates}}
    </ul>
    """

    static let build = """
    {{#description}}<p>{{description}}</p>{{/description}}
    <form method="post" action="/build" enctype="multipart/form-data">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <input type="hidden" name="template" value="{{id}}">
    {{#sources}}
    {{#folder}}
    <fieldset>
    <legend>Source <code>{{name}}</code> (the definition reads {{file}})</legend>
    <p>A folder of CSV files: read from the data folder.</p>
    </fieldset>
    {{/folder}}
    {{#picker}}{{> dataFilePicker}}{{/picker}}
    {{/sources}}
    {{#definitionUpload}}
    <fieldset>
    <legend>Your own definition (optional)</legend>
    <label for="definition">A definition (YAML) used instead of {{id}}.yaml</label>
    <input type="file" id="definition" name="definition" accept=".yaml,.yml">
    </fieldset>
    {{/definitionUpload}}
    <p><input type="checkbox" id="pictures" name="pictures"> <label for="pictures" style="display: inline">Also make pictures of every printed page and a PDF (slower: LibreOffice)</label></p>
    <button type="submit">Check and build</button>
    </form>
    """

    static let result = """
    <p>{{template}} · {{created}} · <span id="status">{{statusText}}</span></p>
    {{#hasProblems}}
    <div class="error" role="alert">
    <h2>Problems found</h2>
    <table>
    <caption>Each problem with its file, line, column and value</caption>
    <thead><tr><th scope="col">File</th><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Problem</th></tr></thead>
    <tbody>
    {{#problems}}<tr class="problem"><td>{{file}}</td><td>{{line}}</td><td>{{column}}{{#keyPath}} {{keyPath}}{{/keyPath}}</td><td>{{value}}</td><td>{{message}}</td></tr>{{/problems}}
    </tbody>
    </table>
    <p>Nothing was written. Fix the file and <a href="{{again}}">try again</a>.</p>
    </div>
    {{/hasProblems}}
    {{#built}}
    <div class="ok">
    <h2>{{doneHeading}}</h2>
    <p>{{summary}}</p>
    {{#filesRemoved}}<p>The files of this {{noun}} were deleted (their hashes are kept in the history).</p>{{/filesRemoved}}
    {{^filesRemoved}}<ul>{{#outputs}}<li><a class="download" href="/builds/{{buildID}}/files/{{index}}" download>Download {{name}}</a> ({{size}} bytes)</li>{{/outputs}}</ul>{{/filesRemoved}}
    {{#warnings}}<p>Warning: {{.}}</p>{{/warnings}}
    {{#pictures}}<figure><img src="/builds/{{buildID}}/files/{{index}}" alt="Printed page: {{name}}" width="480"><figcaption>{{name}}</figcaption></figure>{{/pictures}}
    </div>
    {{/built}}
    {{#hasFees}}
    <h2>Proposed fees</h2>
    <table>
    <caption>Each line with the reason for its new amount and its benchmark</caption>
    <thead><tr><th scope="col">Fee</th><th scope="col">Description</th><th scope="col">Now</th><th scope="col">Proposed</th><th scope="col">Change</th><th scope="col">Reason</th><th scope="col">Benchmark</th></tr></thead>
    <tbody>
    {{#fees}}<tr{{#flagged}} class="misfit"{{/flagged}}><td>{{key}}</td><td>{{description}}</td><td>{{current}}</td><td>{{proposed}}</td><td>{{change}}</td><td>{{reason}}</td><td>{{#flagged}}<strong>Flagged:</strong> {{/flagged}}{{benchmark}}</td></tr>{{/fees}}
    </tbody>
    </table>
    {{/hasFees}}
    {{#hasImportedChanges}}
    <h2>Change log</h2>
    <table id="change-log">
    <caption>Each fee whose typed amount differs from the amount built</caption>
    <thead><tr><th scope="col">Fee</th><th scope="col">Description</th><th scope="col">Built</th><th scope="col">Typed</th><th scope="col">Change</th></tr></thead>
    <tbody>
    {{#importedChanges}}<tr class="change"><td>{{key}}</td><td>{{description}}</td><td>{{built}}</td><td>{{typed}}</td><td>{{change}}</td></tr>{{/importedChanges}}
    {{^importedChanges}}<tr><td colspan="5">No amount was changed.</td></tr>{{/importedChanges}}
    </tbody>
    </table>
    {{/hasImportedChanges}}
    {{#inputs}}
    <h2>{{name}} ({{rows}} rows) for <code>{{source}}</code></h2>
    <table>
    <caption>Columns of {{name}} as <code>appendix inspect</code> reads them</caption>
    <thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Blanks</th><th scope="col">N/A</th><th scope="col">Distinct</th><th scope="col">Values that do not fit</th></tr></thead>
    <tbody>
    {{#columns}}<tr{{#misfits}} class="misfit"{{/misfits}}><td>{{name}}</td><td>{{type}}</td><td>{{blanks}}</td><td>{{notApplicable}}</td><td>{{distinct}}</td><td>{{misfits}}{{markup}}</td></tr>{{/columns}}
    </tbody>
    </table>
    {{/inputs}}
    {{^filesRemoved}}
    <form method="post" action="/builds/{{buildID}}/delete">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <button type="submit">Delete this {{noun}}'s files</button>
    </form>
    {{/filesRemoved}}
    """

    static let fees = """
    <p>Propose next year's fees from this year's table with an uplift policy, see the reason for every line, and download next year's table, the appendix and the changes workbook.</p>
    <form method="post" action="/fees" enctype="multipart/form-data">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    {{#feeTable}}{{> dataFilePicker}}{{/feeTable}}
    <fieldset>
    <legend>Policy and comparators</legend>
    <label for="policy">Uplift policy</label>
    <select id="policy" name="policy">{{#policies}}<option value="{{id}}">{{name}}</option>{{/policies}}</select>
    <label for="pick-comparators">Comparator fees (optional)</label>
    <select id="pick-comparators" name="pick.comparators">
    <option value="">None</option>
    {{#dataFiles}}<option value="{{id}}"{{#comparatorsDefault}} selected{{/comparatorsDefault}}>{{name}}</option>{{/dataFiles}}
    </select>
    <label for="definition">Fee appendix to build from the proposal (optional)</label>
    <select id="definition" name="definition">
    <option value="">None</option>
    {{#definitions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{title}} ({{id}}.yaml)</option>{{/definitions}}
    </select>
    </fieldset>
    <button type="submit">Propose next year's fees</button>
    </form>
    <h2>Import an edited fee workbook</h2>
    <p>Officers typed next year's fees into a review workbook? <a href="/fees/import">Import the edited workbook</a> to get next year's fee table and a change log.</p>
    """

    static let feeImport = """
    <p>Upload a fee workbook built from a definition with <code>fee_import:</code> (such as registrar-fees-review.yaml) after officers typed next year's amounts into it. You get next year's fee table and a change log; an edit the import cannot take is refused naming its sheet and cell, and nothing is written.</p>
    <form method="post" action="/fees/import" enctype="multipart/form-data">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <fieldset>
    <legend>The edited workbook</legend>
    <label for="file-workbook">Fee workbook (.xlsx)</label>
    <input type="file" id="file-workbook" name="file.workbook" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
    </fieldset>
    {{#feeTable}}{{> dataFilePicker}}{{/feeTable}}
    <button type="submit">Import the workbook</button>
    </form>
    """

    static let history = """
    <p>Every build, newest first. Files are kept for {{retentionDays}} days; the hashes stay.</p>
    <table>
    <caption>Builds with their inputs, definition and outputs</caption>
    <thead><tr><th scope="col">Time</th><th scope="col">Template</th>{{#auth}}<th scope="col">Who</th>{{/auth}}<th scope="col">Status</th><th scope="col">Inputs (SHA-256)</th><th scope="col">Definition SHA-256</th><th scope="col">Version</th><th scope="col">Outputs (SHA-256, bytes)</th></tr></thead>
    <tbody>
    {{#records}}<tr><td><a href="/builds/{{id}}">{{createdText}}</a></td><td>{{template}}</td>{{#auth}}<td>{{user}}</td>{{/auth}}<td>{{status}}{{#filesRemoved}} (files deleted){{/filesRemoved}}</td>
    <td>{{#inputs}}{{name}} <code>{{sha256}}</code><br>{{/inputs}}</td><td><code>{{definitionSHA256}}</code></td><td>{{toolVersion}}</td>
    <td>{{#outputs}}{{name}} <code>{{sha256}}</code> {{size}}<br>{{/outputs}}</td></tr>{{/records}}
    </tbody>
    </table>
    """

    static let login = """
    {{#message}}<div class="error" role="alert"><p>{{message}}</p></div>{{/message}}
    <form method="post" action="/login">
    <input type="hidden" name="_csrf" value="{{csrf}}">
    <label for="user">User name</label>
    <input id="user" name="user" autocomplete="username" required>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    </form>
    """

    static let message = """
    <div class="{{kind}}" role="alert"><p>{{message}}</p></div>
    <p><a href="{{back}}">Back</a></p>
    """
}
