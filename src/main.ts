import { mount } from 'svelte';
import './app.css';
// The colour scheme is set before the first paint.
import './state/theme.svelte.ts';
import App from './ui/App.svelte';

mount(App, { target: document.getElementById('app')! });
