#!/usr/bin/env python3
"""homeport(1), made from the help text: `homeport --help`, then `homeport help SUBCOMMAND` for each
subcommand it lists, so the man page says what the binary says.

usage: scripts/make-manpage.py BINARY > homeport.1   (SOURCE_DATE_EPOCH, when set, dates the page)
"""
import re
import subprocess
import sys
import time

HEADING = re.compile(r'^([A-Z][A-Za-z ]*[A-Za-z]):\s*(.*)$')
# An item: two spaces, a term, two or more spaces, its description (or the term alone on its line).
ITEM = re.compile(r'^  (\S.*?)(?:\s{2,}(\S.*))?$')


def help_text(binary, *arguments):
    result = subprocess.run([binary] + list(arguments), capture_output=True, text=True,
                            env={'HOMEPORT_LANG': 'en', 'PATH': '/usr/bin:/bin', 'COLUMNS': '80'})
    if result.returncode != 0 or not result.stdout.strip():
        sys.exit('make-manpage: %s %s failed: %s' % (binary, ' '.join(arguments), result.stderr.strip()))
    return result.stdout


def sections(text):
    """[(heading, [lines])] in order; the text before any heading is under ''."""
    found = [('', [])]
    for line in text.rstrip('\n').split('\n'):
        match = HEADING.match(line)
        if match:
            found.append((match.group(1), [match.group(2)] if match.group(2) else []))
        else:
            found[-1][1].append(line)
    return [(heading, lines) for heading, lines in found if heading or any(line.strip() for line in lines)]


def roff(text):
    text = text.replace('\\', '\\e').replace('-', '\\-')
    return '\\&' + text if text[:1] in ('.', "'") else text


def paragraph(lines):
    words = ' '.join(line.strip() for line in lines if line.strip())
    return roff(words) if words else ''


def items(lines):
    """Indented `term   description` entries with their continuation lines, and free paragraphs."""
    out, term, description, free = [], None, [], []

    def flush():
        nonlocal term, description
        if term is not None:
            out.append('.TP\n.B %s\n%s' % (roff(term), paragraph(description)))
        term, description = None, []

    for line in lines:
        if not line.strip():
            flush()
            if free:
                out.append('.PP\n' + paragraph(free))
                free = []
            continue
        indent = len(line) - len(line.lstrip())
        match = ITEM.match(line)
        if term is not None and indent > 4:
            description.append(line)
        elif match and indent == 2:
            flush()
            term, description = match.group(1), [match.group(2) or '']
        else:
            flush()
            free.append(line)
    flush()
    if free:
        out.append('.PP\n' + paragraph(free))
    return '\n'.join(out)


def subcommands(main_sections):
    for heading, lines in main_sections:
        if heading == 'SUBCOMMANDS':
            return [ITEM.match(line).group(1).split()[0] for line in lines
                    if ITEM.match(line) and len(line) - len(line.lstrip()) == 2]
    return []


def manpage(binary):
    version_line = help_text(binary, '--version').strip()
    version = version_line.split()[1]
    main_sections = sections(help_text(binary, '--help'))
    named = dict(main_sections)
    overview = paragraph(named.get('OVERVIEW', []))
    date = time.strftime('%Y-%m-%d', time.gmtime(int(__import__('os').environ.get('SOURCE_DATE_EPOCH',
                                                                                     time.time()))))
    page = ['.\\" Made by scripts/make-manpage.py from `homeport --help`; edit the help text, not this file.',
            '.TH HOMEPORT 1 "%s" "homeport %s" "User Commands"' % (date, version),
            '.SH NAME', 'homeport \\- ' + overview.rstrip('.'),
            '.SH SYNOPSIS', '.B homeport', '.RI [ subcommand ]', '.RI [ options ]', '.RI [ path ...]',
            '.SH DESCRIPTION', overview,
            '.PP', roff('Without a subcommand, homeport runs scan. ' + version_line + '.'),
            '.SH OPTIONS', items(named.get('OPTIONS', []))]
    page.append('.SH COMMANDS')
    for name in subcommands(main_sections):
        page.append('.SS "homeport %s"' % name)
        for heading, lines in sections(help_text(binary, 'help', name)):
            if heading == 'OVERVIEW':
                page.append(paragraph(lines))
            elif heading == 'USAGE':
                page.append('.PP\n.B Usage:\n' + paragraph(lines))
            else:
                if heading:
                    page.append('.PP\n.I %s' % roff(heading.capitalize()))
                page.append(items(lines))
    for heading, lines in main_sections:
        if heading.lower() == 'exit codes':
            page.append('.SH "EXIT STATUS"')
            # `  0 pass: …`: the code is the term.
            page.append(items([re.sub(r'^  (\d) ', r'  \1  ', line) for line in lines]))
    page += ['.SH ENVIRONMENT', '.TP', '.B HOMEPORT_LANG',
             'Language of messages: en or zh\\-CN.', '.TP', '.B HOMEPORT_LIBCLANG',
             'The libclang shared library to load for C and C++ files (default: a versioned libclang.so the dynamic loader finds).',
             '.SH "SEE ALSO"', roff('https://github.com/homeport-lint/homeport')]
    return '\n'.join(part for part in page if part) + '\n'


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().split('\n\n')[1])
    sys.stdout.write(manpage(sys.argv[1]))
