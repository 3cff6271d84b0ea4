#!/bin/sh
# The "application" this example workflow builds and tests.
echo "Hello, ${1:-world}!"
