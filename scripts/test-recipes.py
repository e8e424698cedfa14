#!/usr/bin/env python3
"""Runs the CI recipes as written, on this machine, so one that cannot work fails CI.

usage: scripts/test-recipes.py [--keep]   (scripts/test-recipes.sh sets up Python and calls it)

What runs:
  * every GitHub Actions workflow in docs/*.md (a ```yaml block with `jobs:` and `runs-on:`), for each
    event it is triggered on, with `uses: homeport-lint/homeport@REF` running this repository's
    action.yml (a composite action: its `run:` steps, in order);
  * every GitLab CI file in docs/*.md (a ```yaml block with `stages:`), as a merge-request pipeline
    and as a push to the default branch.

First, .github/workflows/release.yml as on a version tag: its package job runs here, in this
repository (the checkout), all steps but `scripts/test.sh` (CI has just run it): scripts/package.sh
writes dist/ and scripts/check-packages.sh tests the packages. Publishing is emulated by checks:
softprops/action-gh-release (each `files:` pattern matches), pypa/gh-action-pypi-publish (only
wheels, each RECORD hash right, and the job may mint an id-token). That dist/ then serves release
downloads: the action's `version:` input fetches from it instead of GitHub.

Each recipe runs against a throwaway project (a git repository made here) twice: clean, where every job
that runs must succeed, and with a new OpenAI endpoint, where some job must fail, and only at a
`homeport scan` that exits 1 (the gate doing its work, not a broken recipe). SARIF that a workflow
uploads is validated with Tests/SARIFValidation/validate-sarif.py.

As a runner would: `run:` steps go to `bash --noprofile --norc -eo pipefail`, with GITHUB_WORKSPACE,
GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY, RUNNER_TEMP, RUNNER_OS,
RUNNER_ARCH … set, a HOME of its own per job, and `${{ }}` expressions and `if:` conditions evaluated
(an expression this emulator does not know is an error, not an empty string). `container:` and
`image:` are not started: the steps run on this machine, which has what a Swift 6 image has.
Emulated `uses:`: actions/checkout (a clone of the project; fetch-depth 0 clones every branch),
actions/cache/restore and actions/cache/save (one store for the whole run, as GitHub keeps caches
between runs), actions/upload-artifact and actions/download-artifact, github/codeql-action/upload-sarif
(validates the file). Any other action is an error. For GitLab: `rules:` with `$VAR == "…"` tests,
`parallel:` (CI_NODE_INDEX/CI_NODE_TOTAL), `needs:`, `cache:` and `artifacts:`, GIT_DEPTH; the clone
of https://github.com/homeport-lint/homeport is served from this repository's HEAD, tagged as the
recipe pins it.
"""
import base64
import fnmatch
import hashlib
import glob
import itertools
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

import zipfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UPSTREAM = 'homeport-lint/homeport'
UPSTREAM_URL = 'https://github.com/' + UPSTREAM
VALIDATOR = os.path.join(ROOT, 'Tests', 'SARIFValidation', 'validate-sarif.py')
MAIN = 'main'
RELEASE_WORKFLOW = os.path.join(ROOT, '.github', 'workflows', 'release.yml')
RELEASES = 'https://github.com/%s/releases/download' % UPSTREAM


class RecipeError(Exception):
    """The recipe cannot run as written (an unknown action or expression, a malformed file)."""


def log(message):
    print('recipes: ' + message, flush=True)


def git(args, cwd, env=None):
    subprocess.run(['git', '-c', 'user.name=Recipes', '-c', 'user.email=recipes@example.com',
                    '-c', 'init.defaultBranch=' + MAIN, '-c', 'commit.gpgsign=false'] + args,
                   cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------------------------------------
# The project the recipes scan.

CLEAN_FILES = {
    'app/chat.py': 'import tiktoken  # a note, not a failure\n\ndef count(text):\n    return len(text)\n',
    'app/util.py': 'def shout(text):\n    return text.upper()\n',
    'tools/report.py': 'print("report")\n',
    'Sources/App/main.swift': 'print("hello")\n',
    'legacy/old.py': 'import tiktoken\n',
}
NEW_ENDPOINT = 'API = "https://api.openai.com/v1/chat/completions"\n'


def make_project(folder, with_finding):
    """A repository whose `main` (what a push scans) and `feature` branch (a pull request against
    main) each add a file to a common start: clean, or both with a new OpenAI endpoint (an
    error-level finding)."""
    os.makedirs(folder)
    git(['init', '-q'], folder)
    write_files(folder, CLEAN_FILES)
    git(['add', '-A'], folder)
    git(['commit', '-q', '-m', 'start'], folder)
    for branch in ('feature', MAIN):
        git(['checkout', '-q'] + (['-b', branch] if branch != MAIN else [branch]), folder)
        name = 'app/%s.py' % ('feature' if branch != MAIN else 'later')
        write_files(folder, {name: NEW_ENDPOINT if with_finding else 'def feature():\n    return 42\n'})
        git(['add', '-A'], folder)
        git(['commit', '-q', '-m', 'add ' + name], folder)
    return folder


def write_files(folder, files):
    for name, text in files.items():
        os.makedirs(os.path.join(folder, os.path.dirname(name)), exist_ok=True)
        with open(os.path.join(folder, name), 'w') as f:
            f.write(text)


# ---------------------------------------------------------------------------------------------
# GitHub expressions: ${{ … }} and if:.

TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||!|\(|\))"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_*-]+)*))")
STATUS_FUNCTIONS = ('always', 'success', 'failure', 'cancelled')


class Expression:
    """A GitHub Actions expression over `context` (nested dicts); `status` is the job's so far."""

    def __init__(self, text, context, status='success'):
        self.tokens = []
        position = 0
        text = text.strip()
        while position < len(text):
            match = TOKEN.match(text, position)
            if not match or match.end() == position:
                raise RecipeError('cannot read expression %r at %r' % (text, text[position:]))
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
            while position < len(text) and text[position].isspace():
                position += 1
        self.context = context
        self.status = status
        self.text = text

    def evaluate(self):
        self.index = 0
        value = self.or_expression()
        if self.index != len(self.tokens):
            raise RecipeError('unexpected %r in expression %r' % (self.tokens[self.index][1], self.text))
        return value

    def peek(self):
        return self.tokens[self.index][1] if self.index < len(self.tokens) else None

    def take(self):
        self.index += 1
        return self.tokens[self.index - 1]

    def or_expression(self):
        value = self.and_expression()
        while self.peek() == '||':
            self.take()
            right = self.and_expression()
            value = value if truthy(value) else right
        return value

    def and_expression(self):
        value = self.unary()
        while self.peek() == '&&':
            self.take()
            right = self.unary()
            value = right if truthy(value) else value
        return value

    def unary(self):
        if self.peek() == '!':
            self.take()
            return not truthy(self.unary())
        return self.comparison()

    def comparison(self):
        value = self.primary()
        if self.peek() in ('==', '!='):
            operator = self.take()[1]
            right = self.primary()
            # GitHub compares strings ignoring case, and a boolean with its text.
            equal = text_of(value).lower() == text_of(right).lower()
            value = equal if operator == '==' else not equal
        return value

    def primary(self):
        kind, value = self.take()
        if kind == 'string':
            return value[1:-1].replace("''", "'")
        if kind == 'number':
            return value
        if value == '(':
            inner = self.or_expression()
            if self.take()[1] != ')':
                raise RecipeError('missing ) in %r' % self.text)
            return inner
        if self.peek() == '(':
            self.take()
            if self.take()[1] != ')' or value not in STATUS_FUNCTIONS:
                raise RecipeError('unsupported function %s() in %r' % (value, self.text))
            return {'always': True, 'success': self.status == 'success',
                    'failure': self.status == 'failure', 'cancelled': False}[value]
        return self.lookup(value)

    def lookup(self, name):
        parts = name.split('.')
        if parts[0] not in self.context:
            raise RecipeError('unknown context %r in %r' % (parts[0], self.text))
        value = self.context[parts[0]]
        for index, part in enumerate(parts[1:], start=1):
            if isinstance(value, dict) and part in value:
                value = value[part]
            elif parts[0] == 'steps':
                return ''  # a step that did not run, or an output it did not set
            elif parts[0] == 'env':
                return ''
            else:
                raise RecipeError('unknown %s in %r' % ('.'.join(parts[:index + 1]), self.text))
        return value


def truthy(value):
    return value not in (False, None, '', 0)


def text_of(value):
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    return '' if value is None else str(value)


def interpolate(value, context):
    """`value` (a string, or lists and mappings of them) with every ${{ … }} replaced."""
    if isinstance(value, dict):
        return {key: interpolate(item, context) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, context) for item in value]
    if value is None or isinstance(value, bool):
        return text_of(value)
    return re.sub(r'\$\{\{(.*?)\}\}', lambda m: text_of(Expression(m.group(1), context).evaluate()), str(value))


def condition(text, context, status):
    """Whether an `if:` holds; without a status function it means success() && (…)."""
    if text is None:
        return status == 'success'
    if isinstance(text, bool):
        return text and status == 'success'
    text = str(text).strip()
    if text.startswith('${{') and text.endswith('}}'):
        text = text[3:-2]
    value = truthy(Expression(text, context, status).evaluate())
    if not any(re.search(r'\b%s\s*\(' % name, text) for name in STATUS_FUNCTIONS):
        value = value and status == 'success'
    return value


# ---------------------------------------------------------------------------------------------
# Running steps.

class Failure:
    """Why a job failed: which step, its exit status, and whether that was the gate (a homeport
    scan that exited 1) rather than a broken recipe."""

    def __init__(self, step, status, gate):
        self.step, self.status, self.gate = step, status, gate

    def __str__(self):
        return '%s exited %d%s' % (self.step, self.status, ' (the gate)' if self.gate else '')


def run_script(script, cwd, env, trace_file):
    """`script` as a runner runs a bash step; the command that failed, if any, goes to trace_file."""
    with open(trace_file, 'w'):
        pass
    body = 'trap \'printf "%%s" "$BASH_COMMAND" > %s\' ERR\n%s\n' % (shell_quote(trace_file), script)
    script_file = trace_file + '.sh'
    with open(script_file, 'w') as f:
        f.write(body)
    status = subprocess.call(['bash', '--noprofile', '--norc', '-eo', 'pipefail', script_file], cwd=cwd, env=env,
                             stdin=subprocess.DEVNULL)
    with open(trace_file) as f:
        failed_command = f.read()
    return status, failed_command


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def check_build_prerequisites(script, installed_before):
    """A `swift build` of Homeport needs libclang's headers, and Swift images (swift:6.3) lack them:
    this machine has them, so a recipe that forgets to install them would pass here and fail there.
    True once the job has installed them."""
    build = script.find('swift build')
    install = script.find('libclang-dev')
    if build >= 0 and not installed_before and not 0 <= install < build:
        raise RecipeError('`swift build` with no libclang-dev installed before it (Swift images lack it):\n' + script)
    return installed_before or install >= 0


def is_gate(status, failed_command):
    return status == 1 and failed_command.lstrip().startswith('homeport scan')


def read_key_values(path):
    """A GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` blocks."""
    values = {}
    if not os.path.exists(path):
        return values
    lines = open(path).read().split('\n')
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if '<<' in line and ('=' not in line or line.index('<<') < line.index('=')):
            name, delimiter = line.split('<<', 1)
            block = []
            while index < len(lines) and lines[index] != delimiter:
                block.append(lines[index])
                index += 1
            index += 1
            values[name] = '\n'.join(block)
        elif '=' in line:
            name, value = line.split('=', 1)
            values[name] = value
    return values


class Stores:
    """What outlives a job: GitHub's cache (for the whole test run, as between workflow runs), a
    run's artifacts, and GitLab's cache."""

    def __init__(self, folder):
        self.folder = folder
        self.cache_hits = []
        # The SARIF files upload-sarif received (and validated).
        self.uploaded = []
        # Release downloads (…/v<version>/<file>) as file://, once the release workflow has run.
        self.releases = None

    def cache_folder(self, key):
        return os.path.join(self.folder, 'cache', re.sub(r'[^A-Za-z0-9._-]', '_', key))


def copy_into(source, destination):
    if os.path.isdir(source):
        shutil.copytree(source, destination, dirs_exist_ok=True, symlinks=True)
    else:
        os.makedirs(os.path.dirname(destination) or '.', exist_ok=True)
        shutil.copy2(source, destination)


class GitHubJob:
    """One job (one matrix combination) on an emulated runner."""

    def __init__(self, name, folder, workspace, project, event, stores, artifacts, matrix, tag=None, spec=None):
        self.name = name
        # A tag's job (the release workflow) that checks out runs in this repository, its checkout.
        self.in_place = tag is not None and any(str(step.get('uses', '')).startswith('actions/checkout@')
                                                for step in (spec or {}).get('steps') or [])
        self.spec = spec or {}
        if self.in_place:
            workspace = ROOT
        else:
            # Every job of a run gets the same workspace path, emptied, as runners give it
            # (…/_work/<repository>/<repository>): SARIF from several jobs shares a source root.
            shutil.rmtree(workspace, ignore_errors=True)
        self.workspace = workspace
        self.temp = os.path.join(folder, 'temp')
        self.home = os.path.join(folder, 'home')
        for path in (self.workspace, self.temp, self.home):
            os.makedirs(path, exist_ok=True)
        self.project = project
        self.event = event
        self.stores = stores
        self.artifacts = artifacts
        self.env_file_values = {}
        self.path_entries = []
        self.status = 'success'
        self.failure = None
        self.libclang_installed = False
        self.counter = itertools.count()
        base_ref = MAIN if event == 'pull_request' else ''
        ref = 'feature' if event == 'pull_request' else MAIN
        self.github = {'event_name': event, 'base_ref': base_ref, 'head_ref': 'feature' if base_ref else '',
                       'ref': 'refs/heads/' + ref, 'ref_name': ref, 'workspace': self.workspace,
                       'repository': 'example/project', 'action_path': '', 'job': name,
                       'server_url': 'https://github.com', 'run_id': '1', 'run_number': '1', 'actor': 'recipes'}
        if tag:
            self.github.update({'ref': 'refs/tags/' + tag, 'ref_name': tag, 'ref_type': 'tag'})
        self.checkout_ref = ref
        self.runner = {'os': 'Linux', 'arch': {'x86_64': 'X64', 'aarch64': 'ARM64'}.get(platform.machine(), 'X64'),
                       'temp': self.temp, 'tool_cache': os.path.join(folder, 'toolcache'), 'name': 'recipes'}
        self.matrix = matrix

    def environment(self, step_env, action_path=None):
        env = dict(os.environ)
        env.update({
            'HOME': self.home, 'CI': 'true', 'GITHUB_ACTIONS': 'true', 'GITHUB_WORKSPACE': self.workspace,
            'GITHUB_EVENT_NAME': self.event, 'GITHUB_BASE_REF': self.github['base_ref'],
            'GITHUB_HEAD_REF': self.github['head_ref'], 'GITHUB_REF': self.github['ref'],
            'GITHUB_REF_NAME': self.github['ref_name'], 'GITHUB_REPOSITORY': self.github['repository'],
            'GITHUB_SERVER_URL': self.github['server_url'], 'GITHUB_RUN_ID': '1', 'GITHUB_JOB': self.name,
            'GITHUB_ACTOR': 'recipes', 'RUNNER_OS': self.runner['os'], 'RUNNER_ARCH': self.runner['arch'],
            'RUNNER_TEMP': self.temp, 'RUNNER_TOOL_CACHE': self.runner['tool_cache'], 'RUNNER_NAME': 'recipes',
        })
        if action_path:
            env['GITHUB_ACTION_PATH'] = action_path
        env.update(self.env_file_values)
        env.update(step_env)
        # Each GITHUB_PATH entry goes before those added earlier.
        env['PATH'] = ':'.join(list(reversed(self.path_entries)) + [env.get('PATH', '')])
        return env

    def context(self, steps, inputs=None, action_path=None):
        github = dict(self.github)
        if action_path:
            github['action_path'] = action_path
        context = {'github': github, 'runner': self.runner, 'matrix': self.matrix, 'steps': steps,
                   'env': dict(self.env_file_values), 'needs': {}, 'job': {'status': self.status},
                   'secrets': {}, 'vars': {}}
        if inputs is not None:
            context['inputs'] = inputs
        return context

    def run_steps(self, steps_spec, inputs=None, action_path=None, label=''):
        """Runs steps in order; their outputs (by id) for the caller."""
        steps = {}
        for spec in steps_spec or []:
            context = self.context(steps, inputs, action_path)
            name = label + (spec.get('name') or spec.get('uses') or (spec.get('run') or '').split('\n')[0])
            if not condition(spec.get('if'), context, self.status):
                log('  - %s: skipped (if: %s)' % (name, spec.get('if', 'success()')))
                continue
            if self.in_place and (spec.get('run') or '').strip() == 'scripts/test.sh':
                log('  - %s: skipped (CI ran scripts/test.sh before the recipes)' % name)
                continue
            log('  - ' + name)
            env = {key: text_of(value) for key, value in interpolate(spec.get('env') or {}, context).items()}
            outputs = {}
            if 'run' in spec:
                outputs = self.run_step(spec, name, context, env, action_path)
            elif 'uses' in spec:
                outputs = self.use(spec, name, context, env)
            else:
                raise RecipeError('%s: a step needs run: or uses:' % name)
            if 'id' in spec:
                steps[spec['id']] = {'outputs': outputs or {}, 'outcome': self.status}
        return steps

    def run_step(self, spec, name, context, env, action_path):
        shell = spec.get('shell', 'bash')
        if shell != 'bash':
            raise RecipeError('%s: only bash steps are emulated, not %s' % (name, shell))
        number = next(self.counter)
        output_file = os.path.join(self.temp, '_output_%d' % number)
        env_file = os.path.join(self.temp, '_env_%d' % number)
        path_file = os.path.join(self.temp, '_path_%d' % number)
        for path in (output_file, env_file, path_file):
            open(path, 'w').close()
        env.update({'GITHUB_OUTPUT': output_file, 'GITHUB_ENV': env_file, 'GITHUB_PATH': path_file,
                    'GITHUB_STEP_SUMMARY': os.path.join(self.temp, '_summary_%d' % number)})
        cwd = self.workspace
        if spec.get('working-directory'):
            cwd = os.path.join(self.workspace, interpolate(spec['working-directory'], context))
        script = interpolate(spec['run'], context)
        self.libclang_installed = check_build_prerequisites(script, self.libclang_installed)
        status, failed_command = run_script(script, cwd,
                                            self.environment(env, action_path),
                                            os.path.join(self.temp, '_failed_%d' % number))
        outputs = read_key_values(output_file)
        self.env_file_values.update(read_key_values(env_file))
        self.path_entries += [line for line in open(path_file).read().split('\n') if line]
        if status != 0:
            self.fail(name, status, is_gate(status, failed_command) or
                      (action_path is not None and outputs.get('exit-code') == '1'))
        return outputs

    def fail(self, step, status, gate):
        self.status = 'failure'
        if self.failure is None:
            self.failure = Failure('%s: %s' % (self.name, step), status, gate)

    def use(self, spec, name, context, env):
        uses = spec['uses']
        inputs = {key: text_of(value) for key, value in interpolate(spec.get('with') or {}, context).items()}
        action, _, _ = uses.partition('@')
        if action in (UPSTREAM, './'):
            return self.run_action(inputs, name)
        if action == 'actions/checkout' and self.in_place:
            log('    this repository is the checkout')
            return {}
        if action == 'actions/checkout':
            depth = inputs.pop('fetch-depth', '1')
            command = ['git', 'clone', '-q']
            # fetch-depth 0 fetches every branch; else the one ref, shallow.
            command += ['--branch', self.checkout_ref] + ([] if depth == '0' else ['--depth', depth, '--single-branch'])
            subprocess.run(command + ['file://' + self.project, self.workspace], check=True)
            return {}
        if action == 'actions/cache/restore':
            folder = self.stores.cache_folder(inputs['key'])
            hit = os.path.isdir(folder)
            if hit:
                copy_into(os.path.join(folder, 'content'), inputs['path'])
                self.stores.cache_hits.append(inputs['key'])
            log('    cache %s: %s' % (inputs['key'], 'hit' if hit else 'miss'))
            return {'cache-hit': 'true' if hit else 'false', 'cache-primary-key': inputs['key'],
                    'cache-matched-key': inputs['key'] if hit else ''}
        if action == 'actions/cache/save':
            folder = self.stores.cache_folder(inputs['key'])
            if not os.path.exists(inputs['path']):
                self.fail(name, 1, False)
                log('    cache save: nothing at %s' % inputs['path'])
            elif not os.path.isdir(folder):
                copy_into(inputs['path'], os.path.join(folder, 'content'))
            return {}
        if action == 'actions/upload-artifact':
            files = glob.glob(os.path.join(self.workspace, inputs['path']))
            if not files:
                self.fail(name, 1, False)
                log('    no files at %s' % inputs['path'])
            for path in files:
                copy_into(path, os.path.join(self.artifacts, inputs['name'], os.path.basename(path)))
            return {}
        if action == 'actions/download-artifact':
            for artifact in sorted(os.listdir(self.artifacts)) if os.path.isdir(self.artifacts) else []:
                if fnmatch.fnmatch(artifact, inputs.get('pattern', inputs.get('name', '*'))):
                    target = os.path.join(self.workspace, inputs.get('path', ''))
                    if inputs.get('merge-multiple') != 'true' and 'name' not in inputs:
                        target = os.path.join(target, artifact)
                    copy_into(os.path.join(self.artifacts, artifact), target)
            return {}
        if action == 'github/codeql-action/upload-sarif':
            sarif = os.path.join(self.workspace, inputs.get('sarif_file', '../results'))
            result = subprocess.run([sys.executable, VALIDATOR, '--quiet', sarif], capture_output=True, text=True)
            log('    ' + (result.stdout.strip() or result.stderr.strip()))
            if result.returncode != 0:
                self.fail(name, result.returncode, False)
            else:
                self.stores.uploaded.append(sarif)
            return {}
        if action == 'softprops/action-gh-release':
            for pattern in [line.strip() for line in inputs.get('files', '').split('\n') if line.strip()]:
                matched = glob.glob(os.path.join(self.workspace, pattern))
                if not matched:
                    self.fail(name, 1, False)
                log('    release asset %s: %s' % (pattern, ', '.join(os.path.basename(m) for m in matched)
                                                  or 'nothing'))
            return {}
        if action == 'pypa/gh-action-pypi-publish':
            folder = os.path.join(self.workspace, inputs.get('packages-dir', 'dist'))
            files = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
            if (self.spec.get('permissions') or {}).get('id-token') != 'write':
                log('    trusted publishing needs permissions: id-token: write')
                self.fail(name, 1, False)
            problems = [problem for file in files for problem in check_wheel(os.path.join(folder, file))]
            for problem in problems or ([] if files else ['nothing in ' + folder]):
                log('    ' + problem)
                self.fail(name, 1, False)
            log('    would publish %s' % ', '.join(files))
            return {}
        raise RecipeError('%s: no emulation for action %s' % (name, uses))

    def run_action(self, inputs, name):
        """This repository's action.yml, a composite action."""
        action = yaml.safe_load(open(os.path.join(ROOT, 'action.yml')))
        if action['runs']['using'] != 'composite':
            raise RecipeError('action.yml must be a composite action')
        declared = action.get('inputs') or {}
        unknown = set(inputs) - set(declared)
        if unknown:
            raise RecipeError('%s: action.yml has no input %s' % (name, ', '.join(sorted(unknown))))
        values = {key: inputs.get(key, text_of(spec.get('default', ''))) for key, spec in declared.items()}
        if values.get('version') and values.get('release-url') == RELEASES:
            if not self.stores.releases:
                raise RecipeError('%s: a release download, but the release workflow wrote no dist/' % name)
            values['release-url'] = self.stores.releases
        steps = self.run_steps(action['runs']['steps'], values, ROOT, label='action: ')
        context = self.context(steps, values, ROOT)
        return {key: interpolate(spec.get('value', ''), context) for key, spec in (action.get('outputs') or {}).items()}


def check_wheel(path):
    """What PyPI would refuse: not a wheel, a RECORD hash or size that is wrong, a name or version
    that differs from the file name."""
    name = os.path.basename(path)
    if not name.endswith('.whl'):
        return ['%s is not a wheel' % name]
    problems = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        record = [n for n in names if n.endswith('.dist-info/RECORD')]
        if len(record) != 1:
            return ['%s: %d RECORD files' % (name, len(record))]
        listed = {}
        for line in archive.read(record[0]).decode().splitlines():
            member, digest, size = line.rsplit(',', 2)
            listed[member] = (digest, size)
        for member in names:
            data = archive.read(member)
            expected = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
            if member != record[0] and listed.get(member) != (expected, str(len(data))):
                problems.append('%s: RECORD is wrong for %s' % (name, member))
        metadata = archive.read(record[0].replace('RECORD', 'METADATA')).decode()
        fields = dict(line.split(': ', 1) for line in metadata.split('\n\n')[0].splitlines() if ': ' in line)
        parts = name[:-len('.whl')].split('-')
        if len(parts) not in (5, 6):
            return problems + ['%s: not name-version-python-abi-platform.whl' % name]
        distribution, version = parts[:2]
        if re.sub(r'[-_.]+', '_', fields.get('Name', '')).lower() != distribution or fields.get('Version') != version:
            problems.append('%s: METADATA says %s %s' % (name, fields.get('Name'), fields.get('Version')))
    return problems


def run_release(stores, folder):
    """release.yml for its tag, in this repository; then its dist/ serves release downloads."""
    workflow = yaml.safe_load(open(RELEASE_WORKFLOW))
    version = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'homeport_wheel.py'), 'version'],
                             capture_output=True, text=True, check=True).stdout.strip()
    log('.github/workflows/release.yml: push of tag v' + version)
    results, failures = run_github_workflow(workflow, 'push', ROOT, folder, stores, tag='v' + version)
    problems = ['release.yml: %s' % failure for failure in failures]
    problems += ['release.yml: job %s %s' % (job, result) for job, result in results.items() if result != 'success']
    mirror = os.path.join(folder, 'releases', 'v' + version)
    if not problems:
        shutil.copytree(os.path.join(ROOT, 'dist'), mirror)
        stores.releases = 'file://' + os.path.dirname(mirror)
    return problems


def matrix_combinations(strategy):
    matrix = (strategy or {}).get('matrix')
    if not matrix:
        return [{}]
    keys = [key for key in matrix if key not in ('include', 'exclude')]
    if set(matrix) - set(keys):
        raise RecipeError('matrix include/exclude are not emulated')
    return [dict(zip(keys, values)) for values in itertools.product(*(matrix[key] for key in keys))]


def workflow_events(workflow):
    triggers = workflow.get('on', workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(triggers, str):
        return [triggers]
    return list(triggers)


def run_github_workflow(workflow, event, project, folder, stores, tag=None):
    """Every job of `workflow` for `event`, in `needs` order; each job's result and its failure."""
    jobs = workflow['jobs']
    artifacts = os.path.join(folder, 'artifacts')
    results, failures = {}, []
    done = set()
    while len(done) < len(jobs):
        ready = [job for job in jobs if job not in done and all(n in done for n in as_list(jobs[job].get('needs')))]
        if not ready:
            raise RecipeError('jobs whose needs: can never be met: %s' % ', '.join(j for j in jobs if j not in done))
        for job_id in ready:
            done.add(job_id)
            spec = jobs[job_id]
            needs_status = 'success' if all(results.get(n) in ('success', 'skipped') for n in as_list(spec.get('needs'))) \
                else 'failure'
            outcome = 'skipped'
            for number, matrix in enumerate(matrix_combinations(spec.get('strategy'))):
                label = job_id + ('' if not matrix else ' ' + ','.join('%s=%s' % item for item in matrix.items()))
                job = GitHubJob(label, os.path.join(folder, '%s-%d' % (job_id, number)),
                                os.path.join(folder, 'work', 'project'), project, event, stores, artifacts, matrix,
                                tag=tag, spec=spec)
                if not condition(spec.get('if'), job.context({}), needs_status):
                    log('job %s: skipped (if: %s)' % (label, spec.get('if', 'success()')))
                    continue
                log('job %s (%s)' % (label, event))
                job.run_steps(spec.get('steps'))
                log('job %s: %s%s' % (label, job.status, ' - ' + str(job.failure) if job.failure else ''))
                if job.failure:
                    failures.append(job.failure)
                outcome = 'failure' if job.status == 'failure' or outcome == 'failure' else 'success'
            results[job_id] = outcome
    return results, failures


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------------------------------------
# GitLab CI.

GITLAB_RESERVED = {'default', 'stages', 'variables', 'include', 'workflow', 'image', 'services', 'cache',
                   'before_script', 'after_script'}


def gitlab_expand(text, variables):
    return re.sub(r'\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?', lambda m: variables.get(m.group(1), ''), str(text))


def gitlab_rule_matches(expression, variables):
    """`$A == "x"`, `$A != $B`, joined by && or ||: what the recipes use of GitLab's rules:if."""
    def operand(text):
        text = text.strip()
        if text.startswith('$'):
            return variables.get(text[1:])
        if text[:1] in '"\'':
            return text[1:-1]
        if text == 'null':
            return None
        raise RecipeError('rules:if operand %r is not emulated' % text)

    def comparison(text):
        match = re.fullmatch(r'\s*(.+?)\s*(==|!=)\s*(.+?)\s*', text)
        if not match:
            value = operand(text)
            return value not in (None, '')
        equal = operand(match.group(1)) == operand(match.group(3))
        return equal if match.group(2) == '==' else not equal

    return any(all(comparison(part) for part in alternative.split('&&')) for alternative in expression.split('||'))


def run_gitlab_pipeline(pipeline, source, project, folder, stores, upstream_mirror):
    """The jobs of a .gitlab-ci.yml for one pipeline source, stage by stage."""
    default = pipeline.get('default') or {}
    global_variables = {key: str(value) for key, value in (pipeline.get('variables') or {}).items()}
    predefined = {'CI': 'true', 'GITLAB_CI': 'true', 'CI_DEFAULT_BRANCH': MAIN, 'CI_PIPELINE_SOURCE': source}
    if source == 'merge_request_event':
        predefined.update({'CI_MERGE_REQUEST_TARGET_BRANCH_NAME': MAIN, 'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME': 'feature',
                           'CI_COMMIT_REF_NAME': 'feature'})
        ref = 'feature'
    else:
        predefined.update({'CI_COMMIT_BRANCH': MAIN, 'CI_COMMIT_REF_NAME': MAIN})
        ref = MAIN
    jobs = {name: spec for name, spec in pipeline.items() if name not in GITLAB_RESERVED and not name.startswith('.')}
    stages = pipeline.get('stages') or ['build', 'test', 'deploy']
    results, failures, artifacts_by_job = {}, [], {}
    for stage in stages:
        earlier_failed = any(result == 'failure' for result in results.values())
        for name, spec in jobs.items():
            if spec.get('stage', 'test') != stage:
                continue
            variables = dict(predefined, **global_variables)
            variables.update({key: str(value) for key, value in (spec.get('variables') or {}).items()})
            when = None
            for rule in spec.get('rules') or [{'when': 'on_success'}]:
                if 'if' not in rule or gitlab_rule_matches(rule['if'], variables):
                    when = rule.get('when', 'on_success')
                    break
            if when in (None, 'never'):
                log('job %s: not in a %s pipeline' % (name, source))
                continue
            needs = spec.get('needs')
            if when == 'on_success' and (any(results.get(n) == 'failure' for n in needs) if needs is not None
                                         else earlier_failed):
                log('job %s: skipped (an earlier job failed)' % name)
                continue
            total = int(spec.get('parallel', 1))
            outcome = 'success'
            for index in range(1, total + 1):
                label = name + (' %d/%d' % (index, total) if total > 1 else '')
                job_variables = dict(variables)
                if total > 1:
                    job_variables.update({'CI_NODE_INDEX': str(index), 'CI_NODE_TOTAL': str(total)})
                sources = needs if needs is not None else list(artifacts_by_job)
                status, failure = run_gitlab_job(label, spec, default, job_variables, ref, project,
                                                 os.path.join(folder, re.sub(r'[^A-Za-z0-9]', '_', label)), stores,
                                                 [artifacts_by_job[n] for n in sources if n in artifacts_by_job],
                                                 artifacts_by_job.setdefault(name, os.path.join(folder, 'artifacts-' +
                                                                             re.sub(r'[^A-Za-z0-9]', '_', name))),
                                                 upstream_mirror)
                if failure:
                    failures.append(failure)
                    outcome = 'failure'
            results[name] = outcome
    return results, failures


def run_gitlab_job(label, spec, default, variables, ref, project, folder, stores, artifact_folders, artifact_store,
                   upstream_mirror):
    # One CI_PROJECT_DIR for every job, emptied, as GitLab's /builds/<group>/<project>.
    project_dir = os.path.join(os.path.dirname(folder), 'builds', 'project')
    shutil.rmtree(project_dir, ignore_errors=True)
    home = os.path.join(folder, 'home')
    os.makedirs(home)
    depth = variables.get('GIT_DEPTH', '20')
    subprocess.run(['git', 'clone', '-q', '--single-branch', '--branch', ref] + ([] if depth == '0' else ['--depth', depth])
                   + ['file://' + project, project_dir], check=True)
    for artifact_folder in artifact_folders:
        copy_into(artifact_folder, project_dir)
    cache = spec.get('cache', default.get('cache'))
    cache_folder = None
    if cache:
        cache_folder = stores.cache_folder('gitlab-' + gitlab_expand(cache.get('key', 'default'), variables))
        if os.path.isdir(cache_folder):
            copy_into(cache_folder, project_dir)
            stores.cache_hits.append(cache_folder)
    script = as_list(spec.get('before_script', default.get('before_script'))) + as_list(spec.get('script'))
    env = dict(os.environ)
    env.update(variables)
    env.update({'HOME': home, 'CI_PROJECT_DIR': project_dir, 'CI_JOB_NAME': label,
                # The recipe's clone of the Homeport repository comes from this one.
                'GIT_CONFIG_COUNT': '1', 'GIT_CONFIG_KEY_0': 'url.file://%s.insteadOf' % upstream_mirror,
                'GIT_CONFIG_VALUE_0': UPSTREAM_URL})
    log('job %s' % label)
    check_build_prerequisites('\n'.join(script), False)
    status, failed_command = run_script('\n'.join(script), project_dir, env, os.path.join(folder, 'failed'))
    failure = None
    if status != 0:
        failure = Failure(label, status, is_gate(status, failed_command))
    log('job %s: %s' % (label, 'success' if failure is None else 'failure - ' + str(failure)))
    if cache_folder and (failure is None or cache.get('when') == 'always') and not os.path.isdir(cache_folder):
        for pattern in cache.get('paths', []):
            for path in glob.glob(os.path.join(project_dir, pattern)):
                copy_into(path, os.path.join(cache_folder, os.path.relpath(path, project_dir)))
    artifacts = spec.get('artifacts')
    if artifacts and (failure is None or artifacts.get('when') == 'always'):
        for pattern in artifacts.get('paths', []):
            for path in glob.glob(os.path.join(project_dir, pattern)):
                copy_into(path, os.path.join(artifact_store, os.path.relpath(path, project_dir)))
    if failure is None:
        for pattern in (artifacts or {}).get('paths', []):
            for path in glob.glob(os.path.join(project_dir, pattern)):
                if path.endswith('.sarif'):
                    check_sarif(path)
    return status, failure


def check_sarif(path):
    result = subprocess.run([sys.executable, VALIDATOR, '--quiet', path], capture_output=True, text=True)
    log('    ' + (result.stdout.strip() or result.stderr.strip()))
    if result.returncode != 0:
        raise RecipeError('invalid SARIF from a recipe: ' + path)


# ---------------------------------------------------------------------------------------------

def recipes():
    """(document, index, kind, parsed YAML) for each CI recipe in docs/*.md."""
    found = []
    for document in sorted(glob.glob(os.path.join(ROOT, 'docs', '*.md'))):
        text = open(document).read()
        for index, block in enumerate(re.findall(r'```yaml\n(.*?)```', text, re.S)):
            parsed = yaml.safe_load(block)
            if not isinstance(parsed, dict):
                continue
            name = '%s#%d' % (os.path.relpath(document, ROOT), index + 1)
            if 'jobs' in parsed:
                found.append((name, 'github', parsed))
            elif 'stages' in parsed:
                found.append((name, 'gitlab', parsed))
    return found


def expect(scenario, results, failures, name):
    """Clean: every job that ran succeeded. With a finding: some job failed, each at the gate."""
    ran = {job: result for job, result in results.items() if result != 'skipped'}
    if not ran:
        return ['%s (%s): no job ran' % (name, scenario)]
    if scenario == 'clean':
        return ['%s (clean): %s' % (name, failure) for failure in failures]
    if not failures:
        return ['%s (new finding): every job passed; the gate should have failed' % name]
    return ['%s (new finding): %s, not the gate' % (name, failure) for failure in failures if not failure.gate]


def main():
    keep = '--keep' in sys.argv[1:]
    scratch = tempfile.mkdtemp(prefix='homeport-recipes-')
    stores = Stores(os.path.join(scratch, 'stores'))
    problems = []
    try:
        upstream = os.path.join(scratch, 'upstream.git')
        subprocess.run(['git', 'clone', '-q', '--bare', ROOT, upstream], check=True)
        problems += run_release(stores, os.path.join(scratch, 'release'))
        found = recipes()
        if not any(kind == 'github' for _, kind, _ in found) or not any(kind == 'gitlab' for _, kind, _ in found):
            problems.append('docs/ should hold a GitHub Actions workflow and a GitLab CI file')
        for number, (name, kind, recipe) in enumerate(found):
            for scenario in ('clean', 'new finding'):
                folder = os.path.join(scratch, 'run-%d-%s' % (number, scenario.replace(' ', '-')))
                project = make_project(os.path.join(folder, 'project'), scenario != 'clean')
                if kind == 'github':
                    for event in workflow_events(recipe):
                        log('%s: %s, %s' % (name, event, scenario))
                        results, failures = run_github_workflow(
                            recipe, event, project, os.path.join(folder, event), stores)
                        problems += expect(scenario, results, failures, '%s %s' % (name, event))
                else:
                    # The pinned Homeport release the recipe clones is this commit.
                    pinned = str((recipe.get('variables') or {}).get('HOMEPORT_REF', ''))
                    if pinned:
                        subprocess.run(['git', '-C', upstream, 'tag', '-f', pinned, 'HEAD'], check=True,
                                       stdout=subprocess.DEVNULL)
                    for source in ('merge_request_event', 'push'):
                        log('%s: %s pipeline, %s' % (name, source, scenario))
                        results, failures = run_gitlab_pipeline(recipe, source, project,
                                                                 os.path.join(folder, source), stores, upstream)
                        problems += expect(scenario, results, failures, '%s %s' % (name, source))
        if not stores.cache_hits:
            problems.append('no recipe ever restored a cached homeport: each job built it again')
        if not stores.uploaded:
            problems.append('no workflow gave upload-sarif a SARIF file')
    except (RecipeError, subprocess.CalledProcessError, KeyError) as error:
        problems.append('%s: %s' % (type(error).__name__, error))
    finally:
        if keep:
            log('kept ' + scratch)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    for problem in problems:
        print('recipes: FAIL: ' + problem, file=sys.stderr)
    print('recipes: %d problem%s' % (len(problems), '' if len(problems) == 1 else 's'))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
