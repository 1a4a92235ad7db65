/**
 * Ports: allocation of free ones (with a lease file other builds respect), and who owns a listening
 * socket ({@code /proc/net/tcp} inodes to processes). Uses {@code config}, {@code state}, {@code process}.
 */
package dev.tether.killer.ports;
