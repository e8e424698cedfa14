#!/usr/bin/env python3
"""The independent side of the differential tests (Tests/HomeportCoreTests/*DifferentialTests.swift).

    reference.py yaml|json|toml DIR

reads every file DIR/NAME.in and writes DIR/NAME.out: "ok " and the canonical form of what PyYAML
(yaml.compose_all, no type resolution: every scalar is text, as in our reader) or Python's json
(strict: no NaN or Infinity, no control characters in strings) read, or "error " and the message.

Canonical form, which the Swift side writes the same way for our readers:
  scalar or string  s<UTF-8 byte count>:<bytes>      sequence or array  [ items ]
  mapping or object { key value ... } (in order)      null n   true t   false f
  number  i<decimal> when it is an integer that fits 64 bits, else d<16 hex digits of the double's bits>
  YAML stream: D<number of documents> then each document
  TOML (tomllib) as JSON, and: array of tables as an array; date Y<yyyy-mm-dd>, time H<hh:mm:ss.ffffff>,
  local date-time L<date>T<time>, offset date-time O<date>T<time><+hh:mm offset> (tomllib keeps microseconds)
"""
import datetime
import json
import os
import re
import struct
import sys

LONE_SURROGATE = re.compile('[\ud800-\udfff]')


def scalar(text, out):
    # A lone surrogate (from a \\u escape) is not text; our readers read it as U+FFFD.
    data = LONE_SURROGATE.sub('\ufffd', text).encode('utf-8')
    out += b's%d:' % len(data) + data


def yaml_node(node, out, yaml):
    if isinstance(node, yaml.ScalarNode):
        scalar(node.value, out)
    elif isinstance(node, yaml.SequenceNode):
        out += b'['
        for item in node.value:
            yaml_node(item, out, yaml)
        out += b']'
    else:
        out += b'{'
        for key, value in node.value:
            yaml_node(key, out, yaml)
            yaml_node(value, out, yaml)
        out += b'}'


def json_value(value, out):
    if value is None:
        out += b'n'
    elif value is True:
        out += b't'
    elif value is False:
        out += b'f'
    elif isinstance(value, int) and -2**63 <= value < 2**63:
        out += b'i%d' % value
    elif isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:
            number = float('inf') if value > 0 else float('-inf')
        out += b'd%016x' % struct.unpack('<Q', struct.pack('<d', number))[0]
    elif isinstance(value, str):
        scalar(value, out)
    elif isinstance(value, datetime.datetime):
        text = '%04d-%02d-%02dT%s' % (value.year, value.month, value.day, clock(value))
        if value.tzinfo is None:
            out += b'L' + text.encode()
        else:
            minutes = int(value.utcoffset().total_seconds()) // 60
            sign = '-' if minutes < 0 else '+'
            out += b'O' + (text + '%s%02d:%02d' % (sign, abs(minutes) // 60, abs(minutes) % 60)).encode()
    elif isinstance(value, datetime.date):
        out += b'Y%04d-%02d-%02d' % (value.year, value.month, value.day)
    elif isinstance(value, datetime.time):
        out += b'H' + clock(value).encode()
    elif isinstance(value, dict):
        json_value(Pairs(value.items()), out)
    elif not isinstance(value, Pairs):
        out += b'['
        for item in value:
            json_value(item, out)
        out += b']'
    else:
        out += b'{'
        for key, item in value:
            scalar(key, out)
            json_value(item, out)
        out += b'}'


def clock(value):
    return '%02d:%02d:%02d.%06d' % (value.hour, value.minute, value.second, value.microsecond)


class Pairs(list):
    """An object's members in order, duplicates kept."""


def refuse(name):
    raise ValueError('not JSON: ' + name)


def read(mode, data):
    out = bytearray()
    if mode == 'yaml':
        import yaml
        # What our reader is given: the file decoded as UTF-8.
        documents = list(yaml.compose_all(data.decode('utf-8'), Loader=yaml.BaseLoader))
        out += b'D%d' % len(documents)
        for document in documents:
            yaml_node(document, out, yaml)
    elif mode == 'toml':
        import tomllib
        # A leading byte order mark is not part of the TOML text; our reader skips it too.
        json_value(tomllib.loads(data.decode('utf-8-sig')), out)
    else:
        json_value(json.loads(data.decode('utf-8'), object_pairs_hook=Pairs,
                              parse_constant=refuse), out)
    return bytes(out)


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    sys.setrecursionlimit(10000)
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.in'):
            continue
        with open(os.path.join(folder, name), 'rb') as file:
            data = file.read()
        try:
            result = b'ok ' + read(mode, data)
        except (Exception, RecursionError) as error:
            result = b'error ' + str(error).encode('utf-8', 'replace')
        with open(os.path.join(folder, name[:-3] + '.out'), 'wb') as file:
            file.write(result)


main()
