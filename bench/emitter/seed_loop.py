#!/usr/bin/python3
"""The seed's user_posting_emulation.py loop, re-created as the baseline of bench/emitter/run.sh.

As the seed does it, per event: a new database connection (PyMySQL, utf8mb4), `SELECT * FROM <table> LIMIT <n>, 1`
formatted into the string for each table, each row as a dict, then per table `requests.request("POST", ...)` with
`json.dumps({"records": [{"value": row}]}, default=str)` and `Content-Type: application/vnd.kafka.json.v2+json`
(no session: a new HTTP connection per request). Only the sleep is left out (the emitter's runs are unthrottled too),
and the offsets are random.randint(0, max_offset) after random.seed(100), as the seed's template draws them.
Prints one line: `seed loop: <events> events in <s> s (<events/s> events/s), <failed> failed`.

Usage: seed_loop.py <host> <port> <user> <password> <database> <api base url> <topic prefix> <events> [max offset]
"""
import json
import random
import sys
import time

import pymysql
import requests


def main():
    host, port, user, password, database, api, prefix, events = sys.argv[1:9]
    max_offset = int(sys.argv[9]) if len(sys.argv) > 9 else 11000
    random.seed(100)
    headers = {'Content-Type': 'application/vnd.kafka.json.v2+json'}
    failed = 0
    start = time.perf_counter()
    for _ in range(int(events)):
        random_row = random.randint(0, max_offset)
        connection = pymysql.connect(host=host, port=int(port), user=user, password=password, database=database,
                                     charset='utf8mb4', cursorclass=pymysql.cursors.DictCursor)
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM pinterest_data LIMIT {random_row}, 1")
                pin_result = dict(cursor.fetchone())
                cursor.execute(f"SELECT * FROM geolocation_data LIMIT {random_row}, 1")
                geo_result = dict(cursor.fetchone())
                cursor.execute(f"SELECT * FROM user_data LIMIT {random_row}, 1")
                user_result = dict(cursor.fetchone())
        finally:
            connection.close()
        for suffix, row in (('pin', pin_result), ('geo', geo_result), ('user', user_result)):
            payload = json.dumps({"records": [{"value": row}]}, default=str)
            response = requests.request("POST", f"{api}/topics/{prefix}.{suffix}", headers=headers, data=payload)
            if response.status_code != 200:
                failed += 1
    elapsed = time.perf_counter() - start
    print(f"seed loop: {events} events in {elapsed:.3f} s ({int(events) / elapsed:.1f} events/s), {failed} failed")


if __name__ == '__main__':
    main()
