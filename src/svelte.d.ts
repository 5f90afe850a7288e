/// <reference types="vite-plugin-pwa/vanillajs" />
declare module '*.svelte' { import type { Component } from 'svelte'; const c: Component<any>; export default c; }
