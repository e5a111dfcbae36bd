/**
 * Access Token API: {@code POST /accesstoken/get} issues short-lived fake JWTs; every bearer-authenticated call
 * is checked against them.
 */
package io.github.vcl.local.simulator.token;
